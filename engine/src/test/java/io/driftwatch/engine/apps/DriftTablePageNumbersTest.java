package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The drift table's pixel coordinates are written as {@code %.1f} writes them (away from rounding ties). */
class DriftTablePageNumbersTest {
    @Test
    void oneDecimalWritesWhatPercentPoint1fWrites() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double x = (rnd.nextDouble() - 0.1) * (i % 2 == 0 ? 400 : 3);
            double frac = Math.abs(x * 10) - Math.floor(Math.abs(x * 10));
            if (Math.abs(frac - 0.5) < 1e-6 || Math.abs(x) < 0.05) {
                continue; // a tie, or a negative zero that %.1f writes as -0.0
            }
            StringBuilder s = new StringBuilder();
            DriftTablePage.oneDecimal(s, x);
            assertThat(s.toString()).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.1f", x));
        }
        StringBuilder nan = new StringBuilder();
        DriftTablePage.oneDecimal(nan, Double.NaN);
        assertThat(nan.toString()).isEqualTo("NaN");
    }

    /** The table's numbers in [1e-3, 1e6) are written as {@code %.4f} writes them, rounding ties included. */
    @Test
    void numWritesWhatPercentPoint4fWrites() {
        SplittableRandom rnd = new SplittableRandom(11);
        int compared = 0;
        for (int i = 0; i < 400_000; i++) {
            double x = switch (i % 4) {
                case 0 -> Math.pow(10, -3 + 9 * rnd.nextDouble());
                case 1 -> Math.round(rnd.nextDouble() * 1e9) / 1e5 / (1 + rnd.nextInt(3) * 9); // 5-decimal ties
                case 2 -> rnd.nextInt(1_000_000) / 1e4 + 0.00005;
                default -> rnd.nextDouble();
            };
            x = rnd.nextBoolean() ? -x : x;
            if (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3 || x == Math.rint(x)) {
                continue;
            }
            compared++;
            assertThat(DriftTablePage.num(x)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.4f", x));
        }
        assertThat(compared).isGreaterThan(300_000);
        for (double x : new double[] {0.12345, 999999.99995, 0.00125, 1.00005, 0.001, 999999.9999, -0.0015}) {
            assertThat(DriftTablePage.num(x)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.4f", x));
        }
        assertThat(DriftTablePage.num(1234567.5)).isEqualTo(String.format(Locale.ROOT, "%.4g", 1234567.5));
        assertThat(DriftTablePage.num(0.00012345)).isEqualTo(String.format(Locale.ROOT, "%.4g", 0.00012345));
        assertThat(DriftTablePage.num(Double.NaN)).isEqualTo("-");
        assertThat(DriftTablePage.num(-3.0)).isEqualTo("-3");
    }
}
