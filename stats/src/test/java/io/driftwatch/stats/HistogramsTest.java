package io.driftwatch.stats;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramsTest {
    private static final double M = Double.MAX_VALUE;

    @Test
    void padAddsEmptyBinsAndIsIdempotent() {
        Histogram h = Histogram.of(new double[] {0, 1}, new double[] {1.1, 2.2, 3.3});
        Histogram once = Histograms.pad(h);
        assertThat(once.counts()).containsExactly(0, 0, 1, 0);
        assertThat(once.edges()).containsExactly(-M, 1.1, 2.2, 3.3, M);
        assertThat(Histograms.pad(once)).isEqualTo(once);
        assertThat(Histograms.isPadded(once)).isTrue();
        assertThat(Histograms.isPadded(h)).isFalse();
    }

    @Test
    void padOfFeatureStatsPadsEveryNumericHistogramAndKeepsTheRest() {
        Histogram h = Histogram.of(new double[] {0, 1}, new double[] {1.1, 2.2, 3.3});
        NumericStats x = new NumericStats(1, 2.5, 0, 2.5, 2.5, 2.5, 2.5, 2.5, h);
        CategoricalStats color = new CategoricalStats(3, 2, "red", 2, Map.of("red", 2L, "blue", 1L));
        Map<String, ColumnStats> columns = new LinkedHashMap<>();
        columns.put("x", x);
        columns.put("color", color);
        FeatureStats padded = Histograms.pad(FeatureStats.of(columns));
        assertThat(padded.names()).as("columns, in order").containsExactly("x", "color");
        NumericStats px = (NumericStats) padded.columns().get("x");
        assertThat(px.hist()).isEqualTo(Histograms.pad(h));
        assertThat(List.of(px.count(), px.mean(), px.max())).containsExactly(1L, 2.5, 2.5);
        assertThat(padded.columns().get("color")).isSameAs(color);
        assertThat(Histograms.pad(padded)).isEqualTo(padded);
    }

    /** The deliberate divergence from MLRun: the training max belongs to the last real bin. */
    @Test
    void trainingMaxFallsIntoLastRealBinNotOverflow() {
        Histogram ref = Histograms.equalWidth(new double[] {0, 1, 2, 3, 4}, 5, 4);
        Histogram w = Histograms.binOnPadded(ref, new double[] {4, 4, 0}, 3);
        assertThat(w.counts()).containsExactly(0, 1, 0, 0, 2, 0);
    }

    @Test
    void infinitiesGoToTheOuterBinsAndNanIsNotCounted() {
        Histogram ref = Histograms.equalWidth(new double[] {0, 10}, 2, 20);
        double[] values = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, -0.001, 10.001, 5};
        Histogram w = Histograms.binOnPadded(ref, values, values.length);
        assertThat(w.count(0)).isEqualTo(2);
        assertThat(w.count(21)).isEqualTo(2);
        assertThat(w.count(11)).isEqualTo(1);
        assertThat(w.total()).isEqualTo(5);
    }

    @Test
    void equalWidthMatchesNumpyEdgesAndEdgeCases() {
        Histogram constant = Histograms.equalWidth(new double[] {5, 5, 5}, 3, 20);
        assertThat(constant.edge(0)).isEqualTo(4.5);
        assertThat(constant.edge(20)).isEqualTo(5.5);
        assertThat(constant.count(10)).isEqualTo(3);
        Histogram empty = Histograms.equalWidth(new double[] {Double.NaN}, 1, 20);
        assertThat(empty.edge(0)).isEqualTo(0);
        assertThat(empty.edge(20)).isEqualTo(1);
        assertThat(empty.total()).isZero();
        Histogram huge = Histograms.equalWidth(new double[] {-M, M}, 2, 20);
        assertThat(huge.total()).isEqualTo(2);
        assertThat(huge.count(0)).isEqualTo(1);
        assertThat(huge.count(19)).isEqualTo(1);
    }

    @Test
    void binningMatchesBinarySearchOnUnevenEdges() {
        Histogram ref = Histogram.of(new double[] {1, 1, 1, 1}, new double[] {0, 0.1, 5, 5.5, 100});
        Random r = new Random(3);
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * 120 - 10;
        }
        v[0] = 100;
        v[1] = 0.1;
        v[2] = 0;
        Histogram w = Histograms.binOnPadded(ref, v, v.length);
        double[] expected = new double[6];
        double[] e = {0, 0.1, 5, 5.5, 100};
        for (double x : v) {
            int bin;
            if (x < 0) {
                bin = 0;
            } else if (x > 100) {
                bin = 5;
            } else if (x == 100) {
                bin = 4;
            } else {
                int k = Arrays.binarySearch(e, x);
                bin = (k >= 0 ? k : -k - 2) + 1;
            }
            expected[bin]++;
        }
        assertThat(w.counts()).containsExactly(expected);
    }
}
