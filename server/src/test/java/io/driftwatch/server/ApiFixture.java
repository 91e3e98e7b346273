package io.driftwatch.server;

import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.alerts.AlertEngine;
import io.driftwatch.engine.alerts.AlertStores;
import io.driftwatch.engine.alerts.OutboundPolicy;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** An API server over the in-memory stores and the real registry/runner/writer/controller, for route tests. */
final class ApiFixture implements AutoCloseable {
    final InMemoryEventStream stream = new InMemoryEventStream();
    final Backend backend;
    final ApiServer server;
    final Http http;

    /** A server whose alerts may post to 127.0.0.1 (test servers), as with {@code --allow-outbound 127.0.0.1/32}. */
    ApiFixture(Path dir) {
        this(dir, OutboundPolicy.allowing(List.of("127.0.0.1/32")));
    }

    /** A server whose alerts may reach the destinations {@code outbound} allows. */
    ApiFixture(Path dir, OutboundPolicy outbound) {
        EndpointStore endpoints = MemoryStores.endpointStore();
        TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
        Backends parts = new Backends(stream,
                new EndpointStores(MemoryStores.projectStore(), endpoints, AlertStores.inMemory()),
                new TimeSeriesStores(timeSeries, MemoryStores.processorSink(endpoints, timeSeries)),
                MemoryStores.sampleStore(), ArtifactStores.inMemory(), () -> { });
        backend = Pipeline.over(Clock.systemUTC(), parts).grace(Duration.ofSeconds(60))
                .alertOptions(AlertEngine.Options.defaults().withOutbound(outbound)).wire();
        server = ApiServer.start(backend, ServerConfig.defaults().withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    @Override
    public void close() {
        server.close();
        backend.controller().close();
    }
}
