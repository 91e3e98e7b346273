package io.driftwatch.server;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.StreamProvider;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.InMemoryPartitionedStream;
import io.driftwatch.engine.port.EventStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stream adapter that exists only in the test class path, registered in
 * {@code src/test/resources/META-INF/services}: {@code memtest://name} opens an in-memory stream, kept in
 * {@link #OPENED} so that a test can see the server used it. It proves that an adapter plugs in without a change
 * to the server.
 */
public final class MemTestStreamProvider implements StreamProvider {
    static final Map<String, InMemoryEventStream> OPENED = new ConcurrentHashMap<>();
    /** {@code mempart://name}: a 4-partition stream per project, reopened (same records) when opened again. */
    static final Map<String, InMemoryPartitionedStream> PARTITIONED = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("memtest", "mempart");
    }

    @Override
    public EventStream open(BackendUri uri, BackendContext context) {
        String name = uri.uri().orElseThrow().getHost();
        if (uri.uri().orElseThrow().getScheme().equals("mempart")) {
            return context.register(PARTITIONED.compute(name,
                    (k, old) -> old == null ? new InMemoryPartitionedStream(4) : old.reopen()));
        }
        InMemoryEventStream stream = new InMemoryEventStream();
        OPENED.put(name, stream);
        return context.register(stream);
    }
}
