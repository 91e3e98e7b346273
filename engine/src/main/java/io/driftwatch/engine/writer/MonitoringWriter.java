package io.driftwatch.engine.writer;

import io.driftwatch.AppOutput;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;

/**
 * The monitoring writer (DESIGN.md §2, MLRun's {@code model-monitoring-writer}): stores an app's results and metrics
 * for one endpoint-window in the time-series store ({@code app_results}, {@code app_metrics}: full history, the
 * latest per endpoint/app/name through {@code latestAppResults}/{@code latestAppMetrics}); for
 * {@code histogram-data-drift}'s {@code general_drift} it patches the endpoint record ({@code current_stats},
 * {@code drift_measures}, {@code drift_status}); for each result with status potential (1) or detected (2) it raises
 * {@code {kind}-suspected} / {@code {kind}-detected} (e.g. {@code data-drift-detected}).
 *
 * <p>Idempotent per window: a result or metric name already stored for the same (endpoint, app, window start, window
 * end) is not written again and raises no event again, so re-running a window adds nothing (names new in the re-run
 * are added). The endpoint record is patched only if the window is not older than the newest stored
 * {@code general_drift}, so re-running an old window never moves the record back in time.
 * Cost: two time-series queries per call, plus one endpoint read/write for the drift app.
 */
public interface MonitoringWriter {

    static MonitoringWriter create(Clock clock, TimeSeriesStore timeSeries, EndpointStore endpoints,
                                   EngineEventListener events) {
        return new DefaultMonitoringWriter(clock, timeSeries, endpoints, events);
    }

    /**
     * Writes one app's output for one endpoint-window.
     *
     * @return the number of rows (results + metrics) written; 0 if all were already stored
     * @throws RuntimeException from the stores (the caller retries the window)
     */
    int write(WindowTask task, AppOutput output);
}
