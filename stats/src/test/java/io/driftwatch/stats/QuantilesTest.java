package io.driftwatch.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Bucketed quantiles must equal the sort-based definition exactly, on every data shape. */
class QuantilesTest {
    private static final double[] QS = {0.25, 0.5, 0.75};

    @Test
    void equalToSortedDefinition() {
        Random r = new Random(11);
        for (int t = 0; t < 40; t++) {
            int n = 1 + r.nextInt(t < 20 ? 50_000 : 300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = switch (t % 5) {
                    case 0 -> r.nextGaussian();
                    case 1 -> r.nextInt(5);
                    case 2 -> Math.exp(r.nextGaussian() * 10);
                    case 3 -> i == 0 ? 1e300 : r.nextDouble();
                    default -> i % 7 == 0 ? Double.NaN : (i % 11 == 0 ? Double.POSITIVE_INFINITY : r.nextDouble() - 0.5);
                };
            }
            double[] finite = Arrays.stream(a).filter(Double::isFinite).sorted().toArray();
            if (finite.length == 0) {
                continue;
            }
            double[] got = Quantiles.of(a.clone(), finite.length, finite[0], finite[finite.length - 1], QS);
            for (int q = 0; q < QS.length; q++) {
                double pos = QS[q] * (finite.length - 1);
                int lo = (int) Math.floor(pos);
                double expected = Select.lerp(finite[lo], finite[Math.min(lo + 1, finite.length - 1)], pos - lo);
                assertThat(got[q]).as("case %d n=%d q=%s", t, n, QS[q]).isEqualTo(expected);
            }
        }
    }

    @Test
    void selectHandlesManyDuplicatesAndSortedInput() {
        double[] a = new double[100_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i < 60_000 ? 1 : i;
        }
        double[] q = Select.quantiles(a.clone(), a.length, QS);
        assertThat(q[0]).isEqualTo(1);
        assertThat(q[1]).isEqualTo(1);
        assertThat(q[2]).isEqualTo(Select.lerp(74_999, 75_000, 0.25));
    }
}
