package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.testkit.EventStreamContract;
import java.nio.file.Path;
import java.time.Clock;

/** The in-memory event stream (with retention on) against the event stream contract. */
class InMemoryEventStreamTest extends EventStreamContract {
    @Override
    protected EventStream open(Path dir, long maxLagRecords) {
        return new InMemoryEventStream(Clock.systemUTC(), maxLagRecords, true);
    }

    @Override
    protected EventStream reopen(EventStream closed, Path dir) {
        return ((InMemoryEventStream) closed).reopen();
    }

    @Override
    protected boolean hasRetention() {
        return true;
    }
}
