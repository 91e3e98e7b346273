package io.driftwatch.engine.writer;

import io.driftwatch.AppOutput;
import io.driftwatch.ModelEndpoint;
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
 * Cost: one query of the latest results and one of the latest metrics of the written endpoints, then one write of
 * the new results, one of the new metrics and one of the endpoints' drift fields ({@code EndpointStore.recordDrift},
 * by key, never the whole record) — per call of {@link #write}, or per {@link Batch#flush()} for a batch of windows.
 * A window whose result names already have a stored window at or after its end costs one more query (the exact
 * check of a replay or of a window analysed again).
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

    /**
     * A batch whose writes are deferred to {@link Batch#flush()} (the controller's batch of endpoints: one read and one
     * write transaction per store for all of them). The default writes each output at once.
     */
    default Batch batch() {
        return new Batch() {
            @Override
            public void add(ModelEndpoint endpoint, WindowTask task, AppOutput output) {
                write(task, output);
            }

            @Override
            public int size() {
                return 0;
            }

            @Override
            public int flush() {
                return 0;
            }
        };
    }

    /** Outputs of many endpoint-windows written together; one batch per thread. */
    interface Batch {
        /**
         * Buffers an output; {@code endpoint} is the record as the run read it (names the model of raised events),
         * or null to read it when needed.
         */
        void add(ModelEndpoint endpoint, WindowTask task, AppOutput output);

        /** The outputs buffered and not yet flushed. */
        int size();

        /**
         * Writes every buffered output, as {@link MonitoringWriter#write} would one by one, and empties the batch.
         *
         * @return the rows written by this flush
         * @throws RuntimeException from the stores (nothing of the batch may be written; the caller retries it)
         */
        int flush();
    }
}
