package io.driftwatch.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DistancesTest {
    private static final double[] U = {.07101131, .25138296, .03700347, .06843929, .11482246, .1339393, .0503426,
        .05639414, .13406714, .08259733};
    private static final double[] T = {.17719221, .0949423, .02982267, .19927063, .19288318, .00137802, .07398598,
        .05829106, .06771774, .10451622};

    @Test
    void caseA() {
        assertThat(Distances.tvd(T, U)).isCloseTo(0.3625321, within(1e-6));
        assertThat(Distances.hellinger(T, U)).isCloseTo(0.338189, within(1e-6));
        assertThat(Distances.kld(T, U)).isCloseTo(1.097619, within(1e-6));
    }

    @Test
    void caseBWithZeros() {
        double[] u = {0, 1.0 / 6, 1.0 / 3, 1.0 / 2};
        double[] t = {1.0 / 2, 1.0 / 3, 1.0 / 6, 0};
        assertThat(Distances.tvd(t, u)).isCloseTo(0.666667, within(1e-6));
        assertThat(Distances.hellinger(t, u)).isCloseTo(0.727045, within(1e-6));
        assertThat(Distances.kld(t, u)).isCloseTo(8.748242, within(1e-6));
    }

    @Test
    void identityIsZeroAndAllAreSymmetric() {
        Random r = new Random(7);
        for (int k = 0; k < 50; k++) {
            double[] a = randomDistribution(r, 22);
            double[] b = randomDistribution(r, 22);
            assertThat(Distances.tvd(a, a)).isZero();
            assertThat(Distances.hellinger(a, a)).isCloseTo(0, within(1e-7));
            assertThat(Distances.kld(a, a)).isCloseTo(0, within(1e-12));
            assertThat(Distances.tvd(a, b)).isCloseTo(Distances.tvd(b, a), within(1e-15));
            assertThat(Distances.hellinger(a, b)).isCloseTo(Distances.hellinger(b, a), within(1e-15));
            assertThat(Distances.kld(a, b)).isCloseTo(Distances.kld(b, a), within(1e-12));
            assertThat(Distances.tvd(a, b)).isBetween(0.0, 1.0);
            assertThat(Distances.hellinger(a, b)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void disjointSupportsAreOne() {
        double[] a = {1, 0, 0};
        double[] b = {0, 0.5, 0.5};
        assertThat(Distances.tvd(a, b)).isEqualTo(1.0);
        assertThat(Distances.hellinger(a, b)).isEqualTo(1.0);
        assertThat(Distances.kld(a, b)).isCloseTo(Math.log(1e4) + Math.log(0.5 / 1e-4), within(1e-12));
    }

    @Test
    void lengthMismatchIsRejected() {
        assertThatThrownBy(() -> Distances.tvd(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 vs 3");
    }

    static double[] randomDistribution(Random r, int n) {
        double[] a = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble();
            s += a[i];
        }
        for (int i = 0; i < n; i++) {
            a[i] /= s;
        }
        return a;
    }
}
