package io.driftwatch.server;

import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** An API server over the in-memory stores and the real registry/runner/writer/controller, for route tests. */
final class ApiFixture implements AutoCloseable {
    final InMemoryEventStream stream = new InMemoryEventStream();
    final Backend backend;
    final ApiServer server;
    final Http http;

    ApiFixture(Path dir) {
        backend = Pipeline.wire(Clock.systemUTC(), MemoryStores.projectStore(), MemoryStores.endpointStore(),
                MemoryStores.timeSeriesStore(), MemoryStores.sampleStore(), ArtifactStores.inMemory(), stream, null,
                Duration.ofSeconds(60), EngineEventListener.none());
        server = ApiServer.start(backend, ServerConfig.defaults().withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    @Override
    public void close() {
        server.close();
        backend.controller().close();
    }
}
