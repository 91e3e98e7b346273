package io.driftwatch.server;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.processor.ProcessorOptions;
import io.driftwatch.engine.processor.StreamProcessor;
import io.driftwatch.server.routing.ProjectRouting;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Composes {@link ProjectRouting} for the server: a credential set's backends are opened by the same
 * {@link BackendLoader} with the server's adapter options, their embedded parts in
 * {@code {data-dir}/credential-sets/{id}}, and each set gets a partitioned stream processor of its own (its stream,
 * endpoint store, time series, samples and sink; the server's project store for models and settings), started at
 * once with the server's flush settings.
 */
final class ProjectRoutingWiring {
    private ProjectRoutingWiring() {
    }

    /** The router over the server's (secret-wrapped) backends {@code parts}. */
    static ProjectRouting route(ServerConfig config, Clock clock, Backends parts, ProcessorOptions options) {
        ProjectStore projects = parts.projects();
        return ProjectRouting.over(parts, config.backends(), config.dataDir(), (uris, dir) -> {
            Files.createDirectories(dir);
            Map<String, String> opts = new HashMap<>(uris.options());
            opts.put("max-lag-records", Long.toString(config.maxLagRecords()));
            return BackendLoader.standard().open(uris, new BackendContext(clock, dir, opts));
        }, set -> {
            StreamProcessor p = StreamProcessor.partitioned(new StreamProcessor.Ports(set.stream(), set.endpoints(),
                    projects, set.timeSeries(), set.samples(), set.sink()), clock, options);
            p.start();
            return p;
        });
    }
}
