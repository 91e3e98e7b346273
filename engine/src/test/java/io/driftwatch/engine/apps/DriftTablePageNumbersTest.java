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
}
