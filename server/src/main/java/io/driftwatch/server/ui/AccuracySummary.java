package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ResultKind;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.http.Json;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Accuracy of the endpoint list and of the endpoint overview (pure). With a {@code model-performance} app
 * registered for the project (or results of one stored): its newest realized {@code accuracy}, for a regression
 * model its newest {@code r2} (the primary metric); never an estimate. Without one: the newest result, else metric,
 * named {@code accuracy} of any app (custom apps). When there is none, {@code value} is null and {@code reason} says
 * why: no model-performance app, no window analysed yet, no labels yet.
 *
 * @param value      the metric's value, or null
 * @param metric     {@code accuracy} or {@code r2}, null without a value
 * @param application the app that wrote it
 * @param windowEnd  the end of the window it belongs to
 * @param coverage   that window's label coverage (model-performance only), or null
 * @param reason     why there is no value, or null
 */
record AccuracySummary(Double value, String metric, String application, Instant windowEnd, Double coverage,
                       String reason) {
    /** The built-in app's registered name. */
    static final String APP = "model-performance";
    static final String NO_APP = "no model-performance app: register it for this project to compute accuracy from"
            + " labels";
    static final String NOT_ANALYSED = "not analysed yet: model-performance has not analysed a window of this endpoint";
    static final String NO_LABELS = "no labels yet: send ground truth to POST …/model-endpoints/{uid}/labels";
    static final String NO_REALIZED = "labels received, but no labelled row could be evaluated yet";
    private static final List<String> PRIMARY = List.of("accuracy", "r2");

    /**
     * @param perfApps the names under which model-performance is registered for the project (empty = none)
     * @param results  the endpoint's latest result per (application, name)
     * @param metrics  the endpoint's latest metric per (application, name)
     */
    static AccuracySummary of(Set<String> perfApps, List<TimeSeriesRecords.AppResult> results,
                              List<TimeSeriesRecords.AppMetric> metrics) {
        boolean stored = results.stream().anyMatch(r -> isPerf(perfApps, r.application()))
                || metrics.stream().anyMatch(m -> isPerf(perfApps, m.application()));
        if (perfApps.isEmpty() && !stored) {
            return fallback(results, metrics);
        }
        Optional<TimeSeriesRecords.AppResult> best = results.stream()
                .filter(r -> isPerf(perfApps, r.application()) && r.kind() == ResultKind.MODEL_PERFORMANCE)
                .filter(r -> PRIMARY.contains(r.name()))
                .min(Comparator.comparingInt((TimeSeriesRecords.AppResult r) -> PRIMARY.indexOf(r.name()))
                        .thenComparing(TimeSeriesRecords.AppResult::windowEnd, Comparator.reverseOrder()));
        if (best.isPresent()) {
            TimeSeriesRecords.AppResult r = best.get();
            JsonNode cov = PerformanceView.extra(r.extraDataJson()).path(PerformanceView.COVERAGE);
            return new AccuracySummary(r.value(), r.name(), r.application(), r.windowEnd(),
                    cov.isNumber() ? cov.asDouble() : null, null);
        }
        Optional<Double> labelled = metrics.stream()
                .filter(m -> isPerf(perfApps, m.application()) && m.name().equals(PerformanceView.LABELLED))
                .max(Comparator.comparing(TimeSeriesRecords.AppMetric::windowEnd))
                .map(TimeSeriesRecords.AppMetric::value);
        String why = labelled.isEmpty() ? NOT_ANALYSED : labelled.get() > 0 ? NO_REALIZED : NO_LABELS;
        return new AccuracySummary(null, null, null, null, null, why);
    }

    private static boolean isPerf(Set<String> perfApps, String application) {
        return perfApps.contains(application) || application.equals(APP);
    }

    private static AccuracySummary fallback(List<TimeSeriesRecords.AppResult> results,
                                            List<TimeSeriesRecords.AppMetric> metrics) {
        Optional<TimeSeriesRecords.AppResult> r = results.stream().filter(x -> x.name().equals("accuracy"))
                .max(Comparator.comparing(TimeSeriesRecords.AppResult::windowEnd));
        if (r.isPresent()) {
            return new AccuracySummary(r.get().value(), "accuracy", r.get().application(), r.get().windowEnd(), null,
                    null);
        }
        return metrics.stream().filter(x -> x.name().equals("accuracy"))
                .max(Comparator.comparing(TimeSeriesRecords.AppMetric::windowEnd))
                .map(m -> new AccuracySummary(m.value(), "accuracy", m.application(), m.windowEnd(), null, null))
                .orElse(new AccuracySummary(null, null, null, null, null, NO_APP));
    }

    /** {@code accuracy}, {@code accuracy_metric}, {@code accuracy_application}, {@code accuracy_window_end},
     * {@code accuracy_label_coverage}, {@code accuracy_reason} into {@code o} (nulls where absent). */
    void putInto(ObjectNode o) {
        o.put("accuracy", value).put("accuracy_metric", metric).put("accuracy_application", application)
                .put("accuracy_window_end", windowEnd == null ? null : Json.time(windowEnd))
                .put("accuracy_label_coverage", coverage).put("accuracy_reason", reason);
    }
}
