package io.driftwatch.stats.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.HistogramDrift;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.Statistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Window statistics and MLRun's histogram drift from a summary equal those from the rows. */
class SummaryEquivalenceTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void windowStatsAndHistogramDriftEqualTheRawComputation(int seed) {
        FeatureStats reference = SummaryData.reference(1000 + seed, 500 + 50 * seed);
        double shift = seed % 3 * 0.7;
        int rows = seed % 2 == 0 ? 150 : 3000 + 700 * seed; // below and above the KLL's exact range
        List<Map<String, Object>> window = SummaryData.window(seed, rows, shift);

        FeatureStats raw = Statistics.window(Frame.fromMaps(window), reference).stats();
        FeatureStats fromSummary = SummaryStats.windowStats(SummaryData.summarize(window, reference), reference)
                .orElseThrow();

        assertThat(fromSummary.names()).isEqualTo(raw.names());
        for (String name : raw.names()) {
            assertColumn(name, raw.get(name).orElseThrow(), fromSummary.get(name).orElseThrow(), rows < 200);
        }
        DriftReport a = HistogramDrift.create().compare(reference, raw);
        DriftReport b = HistogramDrift.create().compare(reference, fromSummary);
        assertThat(b.features()).isEqualTo(a.features());
        assertThat(b.tvdMean()).isEqualTo(a.tvdMean());
        assertThat(b.hellingerMean()).isEqualTo(a.hellingerMean());
        assertThat(b.kldMean()).isEqualTo(a.kldMean());
        assertThat(b.generalDrift()).isEqualTo(a.generalDrift());
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(b.status()).isEqualTo(a.status());
    }

    private static void assertColumn(String name, ColumnStats raw, ColumnStats summary, boolean exactQuantiles) {
        if (raw instanceof NumericStats r) {
            NumericStats s = (NumericStats) summary;
            assertThat(s.hist()).as(name).isEqualTo(r.hist());
            assertThat(s.count()).as(name).isEqualTo(r.count());
            assertThat(s.min()).as(name).isEqualTo(r.min());
            assertThat(s.max()).as(name).isEqualTo(r.max());
            assertThat(relative(s.mean(), r.mean())).as(name + " mean").isLessThan(1e-12);
            assertThat(relative(s.std(), r.std())).as(name + " std").isLessThan(1e-12);
            if (exactQuantiles) {
                assertThat(new double[] {s.p25(), s.p50(), s.p75()}).as(name)
                        .containsExactly(r.p25(), r.p50(), r.p75());
            }
        } else {
            CategoricalStats r = (CategoricalStats) raw;
            CategoricalStats s = (CategoricalStats) summary;
            assertThat(s.categories()).as(name).containsExactlyEntriesOf(r.categories());
            assertThat(s.count()).as(name).isEqualTo(r.count());
            assertThat(s.unique()).as(name).isEqualTo(r.unique());
            assertThat(s.freq()).as(name).isEqualTo(r.freq());
        }
    }

    static double relative(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b)) ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12})
    void aSummaryBinnedOnOtherEdgesOrMixedValuesCannotStandInForTheRows(int seed) {
        FeatureStats reference = SummaryData.reference(seed, 300);
        List<Map<String, Object>> window = SummaryData.window(seed, 200, 0);
        FeatureStats other = SummaryData.reference(seed + 1, 300); // other edges
        assertThat(SummaryStats.windowStats(SummaryData.summarize(window, other), reference)).isEmpty();

        window.getFirst().put("x", "not a number");
        assertThat(SummaryStats.windowStats(SummaryData.summarize(window, reference), reference)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {21})
    void histogramCountsOnThePaddedEdgesEqualBinOnPadded(int seed) {
        FeatureStats reference = SummaryData.reference(seed, 400);
        List<Map<String, Object>> window = SummaryData.window(seed, 5000, 1.5);
        Histogram refHist = ((NumericStats) reference.get("x").orElseThrow()).hist();
        double[] xs = window.stream().mapToDouble(r -> r.get("x") instanceof Double d ? d : Double.NaN).toArray();
        Histogram expected = Histograms.binOnPadded(refHist, xs, xs.length);
        ColumnSummary x = SummaryData.summarize(window, reference).column("x").orElseThrow();
        assertThat(x.histogram()).contains(expected);
    }
}
