package io.driftwatch.server.metrics;

import io.driftwatch.server.Backend;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /metrics} (at the root, not under {@code /api/v1}): the Prometheus text format 0.0.4. */
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
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape(backend));
    }
}
