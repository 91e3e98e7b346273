package io.driftwatch.stats.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.hipparchus.util.ArithmeticUtils;
import org.junit.jupiter.api.Test;

class KsExactMemoTest {
    /** (n, m) pairs: equal, coprime, shared factors, unbalanced, up to the exact limit. */
    private static final int[][] SIZES = {{5, 5}, {7, 3}, {20, 25}, {100, 90}, {1000, 300}, {997, 1000},
        {2000, 2000}, {10_000, 500}, {10_000, 10_000}};

    /** (h, m, n, g) for a sweep of attainable D = h / lcm over every pair of {@link #SIZES}, m ≥ n. */
    private static List<long[]> sweep() {
        List<long[]> cases = new ArrayList<>();
        for (int[] s : SIZES) {
            int m = Math.max(s[0], s[1]);
            int n = Math.min(s[0], s[1]);
            long g = ArithmeticUtils.gcd(m, n);
            long lcm = (long) m / g * n;
            double dMax = m * (long) n >= 1_000_000 ? 0.03 : 1; // keep the large recursions cheap
            long step = Math.max(1, (long) (dMax * lcm) / 23);
            for (long h = 0; h <= dMax * lcm; h += step) {
                cases.add(new long[] {h, m, n, g});
            }
        }
        return cases;
    }

    private static long bits(double p) {
        return Double.doubleToRawLongBits(p);
    }

    @Test
    void memoisedValueIsBitIdenticalToTheRecursionOnMissAndOnHit() {
        KsExactMemo memo = new KsExactMemo(KsExactMemo.DEFAULT_MAX_ENTRIES);
        List<long[]> cases = sweep();
        for (long[] c : cases) {
            double direct = KsTest.exactP(c[0], (int) c[1], (int) c[2], c[3]);
            String at = "h=%d m=%d n=%d".formatted(c[0], c[1], c[2]);
            assertThat(bits(memo.exactP(c[0], (int) c[1], (int) c[2], c[3]))).as("miss " + at).isEqualTo(bits(direct));
            assertThat(bits(memo.exactP(c[0], (int) c[1], (int) c[2], c[3]))).as("hit " + at).isEqualTo(bits(direct));
        }
        long positive = cases.stream().filter(c -> c[0] > 0).count();
        assertThat(cases).hasSizeGreaterThan(150);
        assertThat(memo.size()).as("one entry per distinct h > 0").isEqualTo((int) positive);
    }

    @Test
    void pValueThroughTheSharedMemoEqualsTheUncachedFormula() {
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        for (long[] c : sweep()) {
            int m = (int) c[1];
            int n = (int) c[2];
            double d = c[0] / (double) ((long) m / c[3] * n);
            double en = (double) n * m / ((double) n + m);
            double bound = 2 * Math.exp(-2 * d * d * en);
            double expected = bound < KsTest.TINY_P ? bound : KsTest.exactP(c[0], m, n, c[3]);
            expected = Math.min(1, Math.max(0, expected));
            for (int round = 0; round < 2; round++) { // the second round is served by the memo
                assertThat(bits(KsTest.pValue(ks, d, n, m))).as("d=%s n=%d m=%d", d, n, m).isEqualTo(bits(expected));
            }
        }
        assertThat(KsTest.EXACT_MEMO.size()).isPositive().isLessThanOrEqualTo(KsExactMemo.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void cacheStaysWithinItsBoundAndEvictedKeysAreRecomputedIdentically() {
        KsExactMemo memo = new KsExactMemo(8);
        int m = 300;
        int n = 200;
        for (long h = 1; h <= 600; h += 7) {
            assertThat(bits(memo.exactP(h, m, n, 100))).isEqualTo(bits(KsTest.exactP(h, m, n, 100)));
            assertThat(memo.size()).isLessThanOrEqualTo(8);
        }
        assertThat(memo.size()).isEqualTo(8);
        assertThat(bits(memo.exactP(1, m, n, 100))).as("evicted long ago").isEqualTo(bits(KsTest.exactP(1, m, n, 100)));
        assertThat(memo.size()).isEqualTo(8);
    }

    @Test
    void concurrentCallersGetIdenticalValuesAndTheBoundHolds() throws Exception {
        KsExactMemo memo = new KsExactMemo(16);
        List<long[]> cases = sweep().subList(0, 120);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 17;
                done.add(pool.submit(() -> {
                    boolean same = true;
                    for (int i = 0; i < cases.size() * 3; i++) {
                        long[] c = cases.get((i + offset) % cases.size());
                        double p = memo.exactP(c[0], (int) c[1], (int) c[2], c[3]);
                        same &= bits(p) == bits(KsTest.exactP(c[0], (int) c[1], (int) c[2], c[3]));
                        same &= memo.size() <= 16;
                    }
                    return same;
                }));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(memo.size()).isLessThanOrEqualTo(16);
    }

    @Test
    void aBoundBelowOneIsRejected() {
        assertThatThrownBy(() -> new KsExactMemo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memo bound must be at least 1 entry, got 0");
    }
}
