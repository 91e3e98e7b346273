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
     * @param summaryWindows endpoint-windows answered from the window's summary alone (no row read)
     * @param summaryAndRowWindows endpoint-windows that had a summary and whose rows were read as well (an app asked
     *                    for {@code sampleFrame()} values, or the summary did not fit the reference)
     * @param rowWindows  endpoint-windows without a summary: every app computed from the rows
     */
    public record ProjectRuns(long runs, long failures, long totalNanos, long lastNanos, long appWindows,
                              long summaryWindows, long summaryAndRowWindows, long rowWindows) {
        /** No run and no window yet. */
        public static final ProjectRuns NONE = new ProjectRuns(0, 0, 0, 0, 0, 0, 0, 0);

        /** Runs without the counts of window sources (all 0). */
        public ProjectRuns(long runs, long failures, long totalNanos, long lastNanos, long appWindows) {
            this(runs, failures, totalNanos, lastNanos, appWindows, 0, 0, 0);
        }

        ProjectRuns plus(long nanos, boolean failed, int analysed) {
            return new ProjectRuns(runs + 1, failures + (failed ? 1 : 0), totalNanos + nanos, nanos,
                    appWindows + analysed, summaryWindows, summaryAndRowWindows, rowWindows);
        }

        /** One more endpoint-window analysed: with or without a summary, with or without reading its rows. */
        ProjectRuns window(boolean summary, boolean rowsRead) {
            return new ProjectRuns(runs, failures, totalNanos, lastNanos, appWindows,
                    summaryWindows + (summary && !rowsRead ? 1 : 0),
                    summaryAndRowWindows + (summary && rowsRead ? 1 : 0), rowWindows + (summary ? 0 : 1));
        }
    }
}
