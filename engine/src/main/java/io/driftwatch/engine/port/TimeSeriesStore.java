package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Port: the time-series tables: per-prediction latency and custom metrics ({@code predictions}), errors
 * ({@code errors}), application results and metrics ({@code app_results}, {@code app_metrics}, full history).
 */
public interface TimeSeriesStore {
    void writePredictions(List<TimeSeriesRecords.Prediction> rows);

    void writeErrors(List<TimeSeriesRecords.ErrorEvent> rows);

    void writeAppResults(List<TimeSeriesRecords.AppResult> rows);

    void writeAppMetrics(List<TimeSeriesRecords.AppMetric> rows);

    /**
     * The results and metrics of a batch of windows (the writer's flush). A store that can write both in one
     * transaction overrides this (the embedded store: one transaction instead of two); the default writes the
     * results, then the metrics, each when there are any.
     */
    default void writeAppOutputs(List<TimeSeriesRecords.AppResult> results,
                                 List<TimeSeriesRecords.AppMetric> metrics) {
        if (!results.isEmpty()) {
            writeAppResults(results);
        }
        if (!metrics.isEmpty()) {
            writeAppMetrics(metrics);
        }
    }

    /** Predictions of an endpoint with {@code start <= time < end}, by time. */
    List<TimeSeriesRecords.Prediction> predictions(String project, String uid, Instant start, Instant end);

    List<TimeSeriesRecords.ErrorEvent> errors(String project, String uid, Instant start, Instant end);

    /**
     * The current app results of an endpoint whose window end is in {@code [start, end)}, by window end; null name =
     * all. A window analysed again (late rows) has several versions per (application, name, window start): only the
     * last written is current.
     */
    List<TimeSeriesRecords.AppResult> appResults(String project, String uid, String application, String name,
                                                 Instant start, Instant end);

    /**
     * Every version of the app results selected as by {@link #appResults}, by window end then write order (a
     * replaced result comes before the one that replaced it).
     */
    List<TimeSeriesRecords.AppResult> appResultHistory(String project, String uid, String application, String name,
                                                       Instant start, Instant end);

    /** The current app metrics, as {@link #appResults}. */
    List<TimeSeriesRecords.AppMetric> appMetrics(String project, String uid, String application, String name,
                                                 Instant start, Instant end);

    /** The latest result per (application, name) of an endpoint. */
    List<TimeSeriesRecords.AppResult> latestAppResults(String project, String uid);

    /** The latest metric per (application, name) of an endpoint. */
    List<TimeSeriesRecords.AppMetric> latestAppMetrics(String project, String uid);

    /**
     * {@link #latestAppResults(String, String)} of several endpoints of a project at once (the writer's check of a
     * batch of windows): one query where the store keeps the latest rows by key. In no particular order.
     */
    default List<TimeSeriesRecords.AppResult> latestAppResults(String project, Collection<String> uids) {
        List<TimeSeriesRecords.AppResult> out = new ArrayList<>();
        for (String uid : uids) {
            out.addAll(latestAppResults(project, uid));
        }
        return out;
    }

    /** {@link #latestAppMetrics(String, String)} of several endpoints at once, as {@link #latestAppResults}. */
    default List<TimeSeriesRecords.AppMetric> latestAppMetrics(String project, Collection<String> uids) {
        List<TimeSeriesRecords.AppMetric> out = new ArrayList<>();
        for (String uid : uids) {
            out.addAll(latestAppMetrics(project, uid));
        }
        return out;
    }

    /**
     * The window ends of {@link #latestAppResults(String, Collection)}: the writer's replay check of a batch, which
     * needs no values. A store that keeps the latest rows by key overrides this with a read of the key columns only.
     */
    default List<TimeSeriesRecords.LatestEnd> latestResultEnds(String project, Collection<String> uids) {
        return latestAppResults(project, uids).stream().map(r -> new TimeSeriesRecords.LatestEnd(r.uid(),
                r.application(), r.name(), r.windowEnd())).toList();
    }

    /** The window ends of {@link #latestAppMetrics(String, Collection)}, as {@link #latestResultEnds}. */
    default List<TimeSeriesRecords.LatestEnd> latestMetricEnds(String project, Collection<String> uids) {
        return latestAppMetrics(project, uids).stream().map(m -> new TimeSeriesRecords.LatestEnd(m.uid(),
                m.application(), m.name(), m.windowEnd())).toList();
    }

    /**
     * The current app results of every endpoint of the project whose window end is in {@code [start, end)} (as
     * {@link #appResults} per endpoint), ordered by window end, then uid, then write order; at most {@code limit}
     * rows: the newest ones when there are more. One bounded query over the project (the UI's app-results table),
     * instead of one query per endpoint.
     */
    List<TimeSeriesRecords.AppResult> projectAppResults(String project, Instant start, Instant end, int limit);

    /**
     * Upserts ground-truth labels (issue 20), keyed by (project, uid, request id, row): a label for a key already
     * stored replaces it (the last one written wins). Idempotent: writing the same records again changes nothing.
     *
     * @throws UnsupportedOperationException when this store keeps no labels
     */
    default void writeLabels(List<LabelRecord> labels) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no ground-truth labels");
    }

    /**
     * The labels of an endpoint whose prediction time is in {@code [start, end)}, in no particular order; empty for a
     * store that keeps no labels.
     */
    default List<LabelRecord> labels(String project, String uid, Instant start, Instant end) {
        return List.of();
    }

    /** Removes every row of the endpoint. */
    void deleteEndpoint(String project, String uid);

    /** Removes every row of every endpoint of the project. */
    void deleteProject(String project);

    /**
     * Retention: removes predictions and errors with {@code time < cutoff} and app results and metrics whose
     * window ended before {@code cutoff}; returns how many rows.
     */
    long deleteOlderThan(Instant cutoff);
}
