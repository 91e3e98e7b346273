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
     * @param summaryWindows endpoint-windows whose apps were answered from the window's summary alone (no row read)
     * @param rowWindows  endpoint-windows whose rows were read (no summary for the window, or an app asked for rows)
     */
    public record ProjectRuns(long runs, long failures, long totalNanos, long lastNanos, long appWindows,
                              long summaryWindows, long rowWindows) {
        /** No run and no window yet. */
        public static final ProjectRuns NONE = new ProjectRuns(0, 0, 0, 0, 0, 0, 0);

        /** Runs without the counts of window sources (both 0). */
        public ProjectRuns(long runs, long failures, long totalNanos, long lastNanos, long appWindows) {
            this(runs, failures, totalNanos, lastNanos, appWindows, 0, 0);
        }

        ProjectRuns plus(long nanos, boolean failed, int analysed) {
            return new ProjectRuns(runs + 1, failures + (failed ? 1 : 0), totalNanos + nanos, nanos,
                    appWindows + analysed, summaryWindows, rowWindows);
        }

        /** One more endpoint-window analysed, from its summary or from its rows. */
        ProjectRuns window(boolean fromSummary) {
            return new ProjectRuns(runs, failures, totalNanos, lastNanos, appWindows,
                    summaryWindows + (fromSummary ? 1 : 0), rowWindows + (fromSummary ? 0 : 1));
        }
    }
}
