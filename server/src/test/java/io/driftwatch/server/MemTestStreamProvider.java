package io.driftwatch.server;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.StreamProvider;
import io.driftwatch.engine.memory.InMemoryEventStream;
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

    @Override
    public Set<String> schemes() {
        return Set.of("memtest");
    }

    @Override
    public EventStream open(BackendUri uri, BackendContext context) {
        InMemoryEventStream stream = new InMemoryEventStream();
        OPENED.put(uri.uri().orElseThrow().getHost(), stream);
        return context.register(stream);
    }
}
