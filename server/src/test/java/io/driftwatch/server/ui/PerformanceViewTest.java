package io.driftwatch.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerformanceViewTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String APP = "model-performance";

    private static Instant end(int w) {
        return T0.plus(Duration.ofMinutes(10L * (w + 1)));
    }

    private static AppResult result(String app, int w, String name, double v, ResultKind kind, ResultStatus st,
                                    String extra) {
        return new AppResult("p", "u", app, end(w).minus(Duration.ofMinutes(10)), end(w), name, v, kind, st, extra);
    }

    private static AppMetric metric(String app, int w, String name, double v) {
        return new AppMetric("p", "u", app, end(w).minus(Duration.ofMinutes(10)), end(w), name, v);
    }

    @Test
    void windowsCarryRealizedEstimatedWithBandCoverageAndRowsOldestFirst() {
        List<AppResult> rs = List.of(
                result(APP, 1, "estimated_accuracy", 0.8, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION,
                        "{\"lower\":0.7,\"upper\":0.9,\"estimated_rows\":40}"),
                result(APP, 0, "accuracy", 0.75, ResultKind.MODEL_PERFORMANCE, ResultStatus.POTENTIAL_DETECTION,
                        "{\"reference\":0.8,\"relative_drop\":0.0625,\"label_coverage\":0.5}"),
                result(APP, 0, "estimated_accuracy", 0.78, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION,
                        "{\"lower\":0.7,\"upper\":0.86,\"realized\":0.75,\"realized_within_band\":true}"),
                result(APP, 0, "label_drift", 0.01, ResultKind.CONCEPT_DRIFT, ResultStatus.NO_DETECTION, null),
                result(APP, 0, "mae", 2.5, ResultKind.MODEL_PERFORMANCE, ResultStatus.IRRELEVANT,
                        "{\"reason\":\"too few rows: 5 < 100\"}"));
        List<AppMetric> ms = List.of(metric(APP, 0, "label_coverage", 0.5), metric(APP, 0, "labelled_rows", 30),
                metric(APP, 1, "label_coverage", 0), metric(APP, 1, "labelled_rows", 0));
        JsonNode v = PerformanceView.windows(rs, ms, Set.of(end(0)));

        assertThat(v.path("metrics")).extracting(JsonNode::asText).containsExactly("accuracy", "mae");
        assertThat(v.path("primary").asText()).isEqualTo("accuracy");
        assertThat(v.path("task").asText()).isEqualTo("classification");
        JsonNode w0 = v.path("windows").get(0);
        JsonNode w1 = v.path("windows").get(1);
        assertThat(w0.path("window_end").asText()).isEqualTo(end(0).toString());
        assertThat(w0.path("rows").asLong()).as("30 labelled at coverage 0.5").isEqualTo(60);
        assertThat(w0.path("label_coverage").asDouble()).isEqualTo(0.5);
        assertThat(w0.path("realized").path("accuracy").path("status").asInt()).isEqualTo(1);
        assertThat(w0.path("realized").path("accuracy").path("reference").asDouble()).isEqualTo(0.8);
        assertThat(w0.path("realized").path("mae").path("reason").asText()).startsWith("too few rows");
        assertThat(w0.path("estimated").path("accuracy").path("lower").asDouble()).isEqualTo(0.7);
        assertThat(w0.path("estimated").path("accuracy").path("realized_within_band").asBoolean()).isTrue();
        assertThat(w0.path("drift").path("label_drift").path("value").asDouble()).isEqualTo(0.01);
        assertThat(w0.path("confusion_matrix").asBoolean()).isTrue();
        assertThat(w0.path("primary_realized").asDouble()).isEqualTo(0.75);
        assertThat(w0.path("primary_estimated_upper").asDouble()).isEqualTo(0.86);
        assertThat(w1.path("primary_realized").isNull()).isTrue();
        assertThat(w1.path("primary_estimated").asDouble()).isEqualTo(0.8);
        assertThat(w1.path("realized").size()).isZero();
        assertThat(w1.path("rows").asLong()).as("no labels: the estimate's rows").isEqualTo(40);
        assertThat(w1.path("label_coverage").asDouble()).isZero();
        assertThat(w1.path("confusion_matrix").asBoolean()).isFalse();
    }

    @Test
    void aWindowWithOnlyMetricsIsListedWithoutValues() {
        JsonNode v = PerformanceView.windows(List.of(), List.of(metric(APP, 2, "label_coverage", 0)), Set.of());
        assertThat(v.path("windows")).hasSize(1);
        assertThat(v.path("windows").get(0).path("rows").isNull()).isTrue();
        assertThat(v.path("metrics")).isEmpty();
        assertThat(v.path("primary").isNull()).isTrue();
    }

    @Test
    void regressionIsRecognisedByItsMetrics() {
        JsonNode v = PerformanceView.windows(List.of(result(APP, 0, "r2", 0.9, ResultKind.MODEL_PERFORMANCE,
                ResultStatus.NO_DETECTION, null)), List.of(), Set.of());
        assertThat(v.path("task").asText()).isEqualTo("regression");
        assertThat(v.path("primary").asText()).isEqualTo("r2");
    }

    @Test
    void accuracyIsModelPerformancesNewestRealizedValueNeverTheEstimate() {
        List<AppResult> latest = List.of(
                result(APP, 0, "accuracy", 0.9, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION,
                        "{\"label_coverage\":0.8}"),
                result(APP, 2, "estimated_accuracy", 0.7, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, null),
                result("custom", 2, "accuracy", 0.1, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, null));
        AccuracySummary a = AccuracySummary.of(Set.of(APP), latest, List.of());
        assertThat(a.value()).isEqualTo(0.9);
        assertThat(a.metric()).isEqualTo("accuracy");
        assertThat(a.application()).isEqualTo(APP);
        assertThat(a.windowEnd()).isEqualTo(end(0));
        assertThat(a.coverage()).isEqualTo(0.8);
        assertThat(a.reason()).isNull();
    }

    @Test
    void regressionShowsR2() {
        AccuracySummary a = AccuracySummary.of(Set.of(APP), List.of(
                result(APP, 0, "mae", 3, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, null),
                result(APP, 0, "r2", 0.64, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, null)), List.of());
        assertThat(a.metric()).isEqualTo("r2");
        assertThat(a.value()).isEqualTo(0.64);
    }

    @Test
    void noValueSaysWhy() {
        assertThat(AccuracySummary.of(Set.of(APP), List.of(), List.of()).reason())
                .isEqualTo(AccuracySummary.NOT_ANALYSED);
        assertThat(AccuracySummary.of(Set.of(APP), List.of(), List.of(metric(APP, 1, "labelled_rows", 0))).reason())
                .isEqualTo(AccuracySummary.NO_LABELS);
        assertThat(AccuracySummary.of(Set.of(APP), List.of(), List.of(metric(APP, 1, "labelled_rows", 3))).reason())
                .isEqualTo(AccuracySummary.NO_REALIZED);
        AccuracySummary none = AccuracySummary.of(Set.of(), List.of(), List.of());
        assertThat(none.value()).isNull();
        assertThat(none.reason()).isEqualTo(AccuracySummary.NO_APP);
    }

    @Test
    void withoutModelPerformanceAnyAppsAccuracyIsShownNewestFirst() {
        AccuracySummary a = AccuracySummary.of(Set.of(), List.of(
                result("custom", 0, "accuracy", 0.5, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, null),
                result("other", 1, "accuracy", 0.6, ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, null)),
                List.of());
        assertThat(a.value()).isEqualTo(0.6);
        assertThat(a.application()).isEqualTo("other");
        AccuracySummary m = AccuracySummary.of(Set.of(), List.of(), List.of(metric("custom", 0, "accuracy", 0.4)));
        assertThat(m.value()).isEqualTo(0.4);
    }
}
