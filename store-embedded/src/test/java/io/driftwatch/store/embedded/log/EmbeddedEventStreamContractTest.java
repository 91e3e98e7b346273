package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.testkit.EventStreamContract;
import java.nio.file.Path;
import java.util.Set;

/** The embedded log against the event stream contract: 300-byte segments, so retention has something to drop. */
class EmbeddedEventStreamContractTest extends EventStreamContract {
    private EmbeddedEventStream.Options options;

    @Override
    protected EventStream open(Path dir, long maxLagRecords) throws Exception {
        options = EmbeddedEventStream.Options.defaults().withConsumers(Set.of()).withSegmentBytes(300)
                .withMaxLag(maxLagRecords, 1L << 30);
        return EmbeddedEventStream.open(dir, options);
    }

    @Override
    protected EventStream reopen(EventStream closed, Path dir) throws Exception {
        return EmbeddedEventStream.open(dir, options);
    }

    @Override
    protected boolean hasRetention() {
        return true;
    }
}
