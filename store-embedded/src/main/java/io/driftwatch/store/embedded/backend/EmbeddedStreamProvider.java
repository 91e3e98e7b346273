package io.driftwatch.store.embedded.backend;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.StreamProvider;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.store.embedded.log.EmbeddedEventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code --stream-path} {@code embedded} (the log in {@code {data-dir}/stream}) or a directory: the
 * {@link EmbeddedEventStream} with the stream processor registered and the option {@code max-lag-records} as its
 * backpressure bound (default 1,000,000 records; 1 GiB).
 */
public final class EmbeddedStreamProvider implements StreamProvider {
    /** The option bounding the processor's lag before ingest answers 429. */
    public static final String MAX_LAG_RECORDS = "max-lag-records";

    @Override
    public Set<String> schemes() {
        return EmbeddedStoreProvider.SCHEMES;
    }

    @Override
    public EventStream open(BackendUri uri, BackendContext context) throws IOException {
        Path dir = uri.path().orElse(context.dataDir().resolve("stream"));
        long maxLag = Long.parseLong(context.option(MAX_LAG_RECORDS, "1000000"));
        EmbeddedEventStream.Options options = EmbeddedEventStream.Options.defaults().withMaxLag(maxLag, 1L << 30)
                .withConsumers(Set.of(EventStream.STREAM_PROCESSOR)).withClock(context.clock());
        return context.register(EmbeddedEventStream.open(dir, options));
    }
}
