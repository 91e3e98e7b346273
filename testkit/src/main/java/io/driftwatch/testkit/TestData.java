package io.driftwatch.testkit;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.NumericStats;
import io.driftwatch.ResultStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic records for the contract tests. Times have microsecond precision (what every store must keep);
 * statistics include NaN (std of one value) and ±Double.MAX_VALUE edges (padded histograms), which every store
 * must round-trip.
 */
public final class TestData {
    /** 2025-01-02T03:04:05.123456Z: a time with microseconds. */
    public static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

    private TestData() {
    }

    /** Statistics of one numeric column (with NaN std) and one categorical column. */
    public static FeatureStats featureStats() {
        Map<String, ColumnStats> cols = new LinkedHashMap<>();
        cols.put("x", new NumericStats(1, 2.5, Double.NaN, 2.5, 2.5, 2.5, 2.5, 2.5,
                Histogram.of(new double[]{0, 1, 0}, new double[]{-Double.MAX_VALUE, 2.0, 3.0, Double.MAX_VALUE})));
        cols.put("color", new CategoricalStats(10, 3, "red", 6, Map.of("red", 6L, "blue", 3L,
                CategoricalStats.OTHER, 1L)));
        cols.put("y", new NumericStats(100, 0.25, 0.125, -1.5, 0.0, 0.25, 0.5, 1.75,
                Histogram.of(new double[]{10, 60, 30}, new double[]{-1.5, 0.0, 1.0, 1.75})));
        return FeatureStats.of(cols);
    }

    /** A fully populated endpoint of {@code project/function} serving {@code model}. */
    public static ModelEndpoint endpoint(String project, String function, String model) {
        String functionUri = project + "/" + function;
        String uid = EndpointId.of(project, functionUri, model, null);
        Map<String, Object> drift = new LinkedHashMap<>();
        drift.put("tvd_mean", 0.125);
        drift.put("x", Map.of("tvd", 0.25, "hellinger", 0.375, "kld", 1.5));
        return new ModelEndpoint(
                new ModelEndpoint.Metadata(project, uid, Map.of("team", "fraud", "env", "prod")),
                ModelEndpoint.Spec.builder().functionUri(functionUri).model(model).modelVersion("3")
                        .modelClass("sklearn.Classifier").modelUri("store://models/" + model)
                        .featureNames(List.of("x", "color")).labelNames(List.of("y")).streamPath("embedded")
                        .monitoringMode(MonitoringMode.ENABLED).active(true).build(),
                ModelEndpoint.Status.builder().featureStats(featureStats()).currentStats(featureStats())
                        .firstRequest(T0).lastRequest(T0.plusSeconds(3600)).errorCount(7)
                        .driftStatus(ResultStatus.POTENTIAL_DETECTION).driftMeasures(drift)
                        .metrics(new LiveMetrics(0.5, 1234.5, 2345.25, 150, 1800)).build());
    }

    /** A fresh endpoint without requests or statistics. */
    public static ModelEndpoint bareEndpoint(String project, String function, String model) {
        String functionUri = project + "/" + function;
        return new ModelEndpoint(
                new ModelEndpoint.Metadata(project, EndpointId.of(project, functionUri, model, null), Map.of()),
                ModelEndpoint.Spec.builder().functionUri(functionUri).model(model).active(true).build(),
                ModelEndpoint.Status.initial(null));
    }

    /** The endpoint with other request times. */
    public static ModelEndpoint withRequests(ModelEndpoint e, Instant first, Instant last) {
        return e.withStatus(e.status().toBuilder().firstRequest(first).lastRequest(last).build());
    }

    /** The endpoint with other reference statistics. */
    public static ModelEndpoint withFeatureStats(ModelEndpoint e, FeatureStats stats) {
        return e.withStatus(e.status().toBuilder().featureStats(stats).build());
    }

    /** The endpoint with other labels. */
    public static ModelEndpoint withLabels(ModelEndpoint e, Map<String, String> labels) {
        return new ModelEndpoint(new ModelEndpoint.Metadata(e.project(), e.uid(), labels), e.spec(), e.status());
    }
}
