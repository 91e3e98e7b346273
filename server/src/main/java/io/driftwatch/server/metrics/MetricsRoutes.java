package io.driftwatch.server.metrics;

import io.driftwatch.server.Backend;
import io.driftwatch.server.auth.AccessGuard;
import io.driftwatch.server.auth.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /metrics} (at the root, not under {@code /api/v1}): the Prometheus text format 0.0.4. The server admin
 * (and anybody with auth off or {@code --open-metrics}) gets every series; a project's viewer, editor or admin key
 * only the series labelled with its project ({@link ProjectSeries}).
 */
public final class MetricsRoutes {
    /** The scrape path. */
    static final String PATH = "/metrics";
    private final Backend backend;
    private final ServerMetrics metrics;

    /** Routes over the stores of {@code backend}. */
    public MetricsRoutes(Backend backend, ServerMetrics metrics) {
        this.backend = backend;
        this.metrics = metrics;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        String text = metrics.scrape(backend);
        Principal p = AccessGuard.principal(ctx);
        if (p != null && !p.allProjects()) {
            text = ProjectSeries.of(text, p.project());
        }
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(text);
    }
}
