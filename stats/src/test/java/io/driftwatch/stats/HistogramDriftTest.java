package io.driftwatch.stats;

import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramDriftTest {
    private static final double M = Double.MAX_VALUE;
    private static final double[] EDGES6 = {-M, 1, 2, 3, 4, 5, M};

    static NumericStats stats(long count, double[] counts, double[] edges) {
        return new NumericStats(count, 0, 0, 0, 0, 0, 0, 0, Histogram.of(counts, edges));
    }

    @Test
    void mlrunThreeFeatureCase() {
        Map<String, ColumnStats> ref = new LinkedHashMap<>();
        Map<String, ColumnStats> sample = new LinkedHashMap<>();
        ref.put("f1", stats(100, new double[] {0, 0, 0, 30, 70, 0}, EDGES6));
        ref.put("f2", stats(100, new double[] {0, 45, 5, 15, 35, 0}, EDGES6));
        ref.put("l", stats(100, new double[] {30, 0, 0, 0, 0, 70}, EDGES6));
        sample.put("f1", stats(12, new double[] {2, 3, 0, 3, 1, 3}, EDGES6));
        sample.put("f2", stats(12, new double[] {0, 6, 0, 2, 1, 3}, EDGES6));
        sample.put("l", stats(12, new double[] {10, 0, 0, 0, 0, 2}, EDGES6));

        DriftReport r = HistogramDrift.create().compare(FeatureStats.of(ref), FeatureStats.of(sample));

        assertThat(r.features().get("f1").tvd()).isCloseTo(.666667, within(1e-6));
        assertThat(r.features().get("f1").hellinger()).isCloseTo(.696144, within(1e-6));
        assertThat(r.features().get("f1").kld()).isCloseTo(6.469979, within(1e-6));
        assertThat(r.features().get("f2").kld()).isCloseTo(2.656455, within(1e-6));
        assertThat(r.features().get("l").hellinger()).isCloseTo(.398039, within(1e-6));
        assertThat(r.tvdMean()).isCloseTo(.505556, within(1e-6));
        assertThat(r.hellingerMean()).isCloseTo(.512587, within(1e-6));
        assertThat(r.kldMean()).isCloseTo(3.478898, within(1e-6));
        assertThat(r.generalDrift()).isCloseTo(0.509071, within(1e-6));
        assertThat(r.status()).isEqualTo(ResultStatus.POTENTIAL_DETECTION);
        assertThat(r.skipped()).isEmpty();
        assertThat(r.metrics()).hasSize(3);
        Result result = r.result().orElseThrow();
        assertThat(result.name()).isEqualTo("general_drift");
        assertThat(result.kind()).isEqualTo(ResultKind.DATA_DRIFT);
        assertThat(result.extraData()).containsKeys("current_stats", "drift_measures", "drift_status");
        assertThat(result.extraData().get("drift_status")).isEqualTo(1);
    }

    @Test
    void stricterThresholdsChangeOnlyTheStatus() {
        Map<String, ColumnStats> ref = Map.of("f", stats(100, new double[] {0, 0, 0, 30, 70, 0}, EDGES6));
        Map<String, ColumnStats> sample = Map.of("f", stats(12, new double[] {2, 3, 0, 3, 1, 3}, EDGES6));
        DriftReport r = HistogramDrift.create(new DriftThresholds(0.2, 0.3))
                .compare(FeatureStats.of(ref), FeatureStats.of(sample));
        assertThat(r.status()).isEqualTo(ResultStatus.DETECTED);
    }

    /** MLRun facts §11.3: iris reference, all window mass below the training minimum → TVD = Hellinger = 1. */
    @Test
    void irisAllMassInUnderflowBin() {
        Frame iris = CsvFixtures.read(Path.of("src/test/resources/iris.csv"));
        FeatureStats reference = Statistics.reference(iris).stats();
        Map<String, double[]> low = new LinkedHashMap<>();
        for (String f : List.of("sepal_length", "sepal_width", "petal_length", "petal_width")) {
            low.put(f, new double[] {-1, -2, -3});
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        low.forEach((k, v) -> cols.put(k, NumericColumn.of(v)));

        DriftReport r = HistogramDrift.create().compare(reference, Frame.of(cols));

        assertThat(r.features()).hasSize(4);
        r.features().values().forEach(d -> {
            assertThat(d.tvd()).isCloseTo(1, within(1e-12));
            assertThat(d.hellinger()).isCloseTo(1, within(1e-7));
        });
        assertThat(r.features().get("sepal_length").kld()).isCloseTo(15.619207, within(1e-6));
        assertThat(r.features().get("petal_length").kld()).isCloseTo(15.880643, within(1e-6));
        assertThat(r.features().get("petal_width").kld()).isCloseTo(15.879492, within(1e-6));
        assertThat(r.generalDrift()).isCloseTo(1.0, within(1e-7));
        assertThat(r.status()).isEqualTo(ResultStatus.DETECTED);
        assertThat(r.skipped()).containsEntry("species", SkipReason.NOT_IN_WINDOW);
    }

    @Test
    void windowFromTheReferenceItselfHasNoDrift() {
        Frame iris = CsvFixtures.read(Path.of("src/test/resources/iris.csv"));
        FeatureStats reference = Statistics.reference(iris).stats();
        DriftReport r = HistogramDrift.create().compare(reference, iris);
        assertThat(r.features()).hasSize(5);
        r.features().values().forEach(d -> {
            assertThat(d.tvd()).isCloseTo(0, within(1e-12));
            assertThat(d.kld()).isCloseTo(0, within(1e-12));
        });
        assertThat(r.features().get("species").categorical()).isTrue();
        assertThat(r.status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThat(r.currentStats().names()).containsExactlyElementsOf(reference.names());
    }

    @Test
    void paddedAndUnpaddedReferencesGiveTheSameDrift() {
        Frame train = Frame.of(Map.of("x", NumericColumn.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        FeatureStats ref = Statistics.reference(train).stats();
        NumericStats x = (NumericStats) ref.get("x").orElseThrow();
        FeatureStats padded = FeatureStats.of(Map.of("x", new NumericStats(x.count(), x.mean(), x.std(), x.min(),
                x.p25(), x.p50(), x.p75(), x.max(), Histograms.pad(x.hist()))));
        Frame window = Frame.of(Map.of("x", NumericColumn.of(0, 5, 10, 11)));
        HistogramDrift drift = HistogramDrift.create();
        assertThat(drift.compare(padded, window).features()).isEqualTo(drift.compare(ref, window).features());
    }
}
