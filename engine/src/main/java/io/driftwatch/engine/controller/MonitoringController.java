package io.driftwatch.engine.controller;

import io.driftwatch.engine.apps.AppCatalog;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import java.time.Clock;

/**
 * The monitoring controller (DESIGN.md §7, MLRun's {@code model-monitoring-controller}): for every project with
 * monitoring enabled, every active monitoring-enabled endpoint and every deployed app, it cuts the closed event-time
 * windows since the app's {@code last_analyzed}, reads each window's rows ({@code start ≤ timestamp < end}), hands
 * non-empty windows to the {@link WindowHandler} (apps + writer) and advances {@code last_analyzed} (also over empty
 * windows).
 *
 * <p>Runs are serialised per project: {@link #runOnce()} waits for a scheduled run of the same project to finish;
 * the scheduler skips a project whose previous run is still going. A failing endpoint is logged and the others go on.
 * The endpoints of a run are analysed on up to {@link ControllerConfig#parallelism()} threads; each endpoint's
 * windows (and so each endpoint × app's {@code last_analyzed} chain) stay in order on one thread.
 * Cost: one {@link SampleStore#read} per distinct window per endpoint (shared by all apps due for it).
 */
public interface MonitoringController extends AutoCloseable {

    static MonitoringController create(ControllerConfig config, Clock clock, ProjectStore projects,
                                       EndpointStore endpoints, SampleStore samples, AppCatalog apps,
                                       WindowHandler handler) {
        return create(config, clock, projects, endpoints, samples, apps, handler, SampleBarrier.NONE);
    }

    /**
     * As above; each run first waits on {@code barrier} (after reading the endpoint records), so that it cuts only
     * windows whose rows are readable: the stream processor's buffered rows are flushed first.
     */
    static MonitoringController create(ControllerConfig config, Clock clock, ProjectStore projects,
                                       EndpointStore endpoints, SampleStore samples, AppCatalog apps,
                                       WindowHandler handler, SampleBarrier barrier) {
        return new DefaultMonitoringController(config, clock, projects, endpoints, samples, apps, handler, barrier);
    }

    /**
     * Analyses every due window of every enabled project, synchronously: when it returns, results are written.
     *
     * @return the number of app-windows analysed (endpoint × app × non-empty window)
     */
    int runOnce();

    /**
     * Analyses the due windows of one project; 0 when its monitoring is disabled.
     *
     * @return the number of app-windows analysed
     */
    int runOnce(String project);

    /** Timing of the project runs so far (for Prometheus); implementations that do not time runs answer empty. */
    default ControllerStats stats() {
        return ControllerStats.EMPTY;
    }

    /** Starts the scheduler: each enabled project runs every {@code base_period} (by the clock). Idempotent. */
    void start();

    /** Stops the scheduler and waits briefly for running projects. Idempotent. */
    @Override
    void close();
}
