package io.driftwatch.server.http;

import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import java.util.List;

/**
 * The one definition of each project headline figure, used by the web UI ({@code /ui/overview}), the Grafana
 * datasource ({@code project_summary}) and mirrored by the {@code /metrics} queries of docs/observability.md:
 * <ul>
 *   <li>{@link #predictionsPerSecond}: Σ over endpoints of prediction rows of the last 5 minutes / 300 s
 *   (PromQL: {@code sum(rate(driftwatch_predictions_total[5m]))});</li>
 *   <li>{@link #latencyMicros}: the row-weighted mean latency of the last hour, Σ(latency × rows) / Σ rows over every
 *   prediction of every endpoint (an endpoint serving 10× the rows weighs 10×; endpoints without traffic weigh 0;
 *   0 when no endpoint had traffic). PromQL: {@code sum(increase(driftwatch_prediction_latency_row_seconds_total[1h]))
 *   / sum(increase(driftwatch_predictions_total[1h]))};</li>
 *   <li>{@link #errors}: Σ of the endpoints' error counts since they were created.</li>
 * </ul>
 * Exact to the live metrics' bucket edges (10 s for 5 minutes, 60 s for the hour).
 */
public final class HeadlineFigures {
    private HeadlineFigures() {
    }

    /** Σ predictions/s (5-minute averages) of {@code endpoints}. */
    public static double predictionsPerSecond(List<ModelEndpoint> endpoints) {
        return endpoints.stream().mapToDouble(ep -> ep.status().metrics().predictionsPerSecond()).sum();
    }

    /** Row-weighted mean latency of the last hour in µs; 0 without traffic. */
    public static double latencyMicros(List<ModelEndpoint> endpoints) {
        double weighted = 0;
        long rows = 0;
        for (ModelEndpoint ep : endpoints) {
            LiveMetrics m = ep.status().metrics();
            weighted += m.latencyAvg1h() * m.predictionsCount1h();
            rows += m.predictionsCount1h();
        }
        return rows == 0 ? 0.0 : weighted / rows;
    }

    /** Σ error counts of {@code endpoints}. */
    public static long errors(List<ModelEndpoint> endpoints) {
        return endpoints.stream().mapToLong(ep -> ep.status().errorCount()).sum();
    }
}
