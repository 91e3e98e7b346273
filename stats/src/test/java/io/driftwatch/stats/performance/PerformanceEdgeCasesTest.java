package io.driftwatch.stats.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The documented edge cases beyond the scikit-learn fixtures: keys, ordering, degradation, bad input. */
class PerformanceEdgeCasesTest {
    @Test
    void labelKeysMakeOneAndOnePointZeroTheSameClassAndNullOrNaNUnlabelled() {
        assertThat(ClassOrder.key(1.0)).isEqualTo("1");
        assertThat(ClassOrder.key(1L)).isEqualTo("1");
        assertThat(ClassOrder.key(1.5)).isEqualTo("1.5");
        assertThat(ClassOrder.key(Boolean.TRUE)).isEqualTo("true");
        assertThat(ClassOrder.key("setosa")).isEqualTo("setosa");
        assertThat(ClassOrder.key(null)).isNull();
        assertThat(ClassOrder.key(Double.NaN)).isNull();
    }

    @Test
    void classesSortNumericallyWhenAllAreNumbersElseAsText() {
        assertThat(ClassOrder.sorted(List.of("10", "2", "33"), List.of("2"))).containsExactly("2", "10", "33");
        assertThat(ClassOrder.sorted(List.of("b", "10", "a", "2"))).containsExactly("10", "2", "a", "b");
        assertThat(ClassOrder.sorted(Arrays.asList("x", null))).containsExactly("x");
    }

    @Test
    void relativeDegradationIsPositiveWhenWorseForScoresAndLosses() {
        assertThat(Metrics.relativeDegradation(Metrics.ACCURACY, 0.9, 0.81)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Metrics.relativeDegradation(Metrics.ACCURACY, 0.9, 0.95)).isNegative();
        assertThat(Metrics.relativeDegradation(Metrics.MAE, 2.0, 2.5)).isEqualTo(0.25);
        assertThat(Metrics.relativeDegradation(Metrics.LOG_LOSS, 0.5, 0.4)).isNegative();
        assertThat(Metrics.relativeDegradation(Metrics.R2, -0.5, -1.0)).isEqualTo(1.0);
        assertThat(Metrics.relativeDegradation(Metrics.MAE, 0, 0.1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Metrics.relativeDegradation(Metrics.MAE, 0, 0)).isZero();
        assertThat(Metrics.relativeDegradation(Metrics.ACCURACY, 0.9, Double.NaN)).isNaN();
    }

    @Test
    void zeroRowsGiveNaNEverywhere() {
        ClassificationReport c = ClassificationMetrics.evaluate(List.of(), List.of(), new double[0][], List.of("a", "b"));
        assertThat(c.byName().values()).allMatch(v -> v.isNaN());
        assertThat(RegressionMetrics.evaluate(new double[0], new double[0]).byName().values()).allMatch(v -> v.isNaN());
    }

    @Test
    void badInputIsRejectedNamingTheProblem() {
        assertThatThrownBy(() -> ClassificationMetrics.evaluate(List.of("a"), List.of()))
                .hasMessageContaining("1 labels but 0 predictions");
        assertThatThrownBy(() -> ClassificationMetrics.evaluate(Arrays.asList("a", null), List.of("a", "b")))
                .hasMessageContaining("null");
        assertThatThrownBy(() -> ClassificationMetrics.evaluate(List.of("a"), List.of("a"), new double[][] {{1}},
                List.of("a", "b"))).hasMessageContaining("1 values for 2 classes");
        assertThatThrownBy(() -> RegressionMetrics.evaluate(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessageContaining("row 1");
    }

    @Test
    void aucOfTheIndexSortEqualsTheQuadraticPairCount() {
        Random rnd = new Random(3);
        int n = 700;
        double[] s = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.round(rnd.nextDouble() * 50) / 50.0; // many ties
            y[i] = rnd.nextDouble() < s[i] ? 1 : 0;
        }
        double pairs = 0;
        double pos = 0;
        for (int i = 0; i < n; i++) {
            pos += y[i];
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(RocAuc.auc(s, y)).isCloseTo(pairs / (pos * (n - pos)), org.assertj.core.data.Offset.offset(1e-12));
        int[] order = RocAuc.order(s);
        List<Double> sorted = new ArrayList<>();
        for (int i : order) {
            sorted.add(s[i]);
        }
        assertThat(sorted).isSorted();
    }
}
