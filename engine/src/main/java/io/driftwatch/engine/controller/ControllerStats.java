package io.driftwatch.engine.controller;

import java.util.Map;

/**
 * Timing of the controller's project runs since it was created (scheduled and manual runs alike), for Prometheus.
 *
 * @param projects per project: runs, failed runs, total and last run duration
 */
public record ControllerStats(Map<String, ProjectRuns> projects) {
    public ControllerStats {
        projects = projects == null ? Map.of() : Map.copyOf(projects);
    }

    /** No run yet. */
    public static final ControllerStats EMPTY = new ControllerStats(Map.of());

    /**
     * @param runs        completed runs (including failed ones)
     * @param failures    runs that threw (a single failing endpoint does not fail the run)
     * @param totalNanos  summed wall time of the runs
     * @param lastNanos   wall time of the latest run
     * @param appWindows  app-windows analysed by the runs
     */
    public record ProjectRuns(long runs, long failures, long totalNanos, long lastNanos, long appWindows) {
        ProjectRuns plus(long nanos, boolean failed, int analysed) {
            return new ProjectRuns(runs + 1, failures + (failed ? 1 : 0), totalNanos + nanos, nanos,
                    appWindows + analysed);
        }
    }
}
