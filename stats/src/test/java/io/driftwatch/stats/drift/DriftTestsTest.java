package io.driftwatch.stats.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.ResultStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** Defined behaviour on awkward input: exclusions, empty sides, constants, single rows, unseen categories. */
class DriftTestsTest {
    private static final List<NumericDriftTest> NUMERIC = List.of(DriftTests.ks(), DriftTests.wasserstein(),
            DriftTests.psiNumeric(), DriftTests.jensenShannonNumeric());
    private static final List<CategoricalDriftTest> CATEGORICAL = List.of(DriftTests.chiSquare(),
            DriftTests.psi(), DriftTests.jensenShannon());
    private static final double[] REF = {0.1, 0.4, 0.35, 0.8, 1.2, 0.9, 0.05, 0.6, 0.75, 1.0, 0.3, 0.55};
    private static final double[] SMP = {0.2, 0.5, 0.45, 0.9, 1.3, 1.1, 0.7, 0.65};

    @Test
    void nanAndInfinitiesAreExcludedAndNoted() {
        double[] dirtyRef = Arrays.copyOf(REF, REF.length + 2);
        dirtyRef[REF.length] = Double.NaN;
        dirtyRef[REF.length + 1] = Double.POSITIVE_INFINITY;
        double[] dirtySmp = Arrays.copyOf(SMP, SMP.length + 1);
        dirtySmp[SMP.length] = Double.NEGATIVE_INFINITY;
        for (NumericDriftTest t : NUMERIC) {
            DriftTestResult clean = t.test(REF, SMP);
            DriftTestResult dirty = t.test(dirtyRef, dirtySmp);
            assertThat(dirty.statistic()).as(t.name()).isEqualTo(clean.statistic());
            assertThat(dirty.status()).as(t.name()).isEqualTo(clean.status());
            assertThat(dirty.note()).as(t.name()).contains("2 in reference, 1 in sample");
            assertThat(clean.note()).as(t.name()).isEmpty();
        }
    }

    @Test
    void inputArraysAreNotModified() {
        double[] ref = REF.clone();
        for (NumericDriftTest t : NUMERIC) {
            t.test(ref, SMP);
        }
        assertThat(ref).containsExactly(REF);
    }

    @Test
    void emptyOrAllExcludedSideIsIrrelevantWithReason() {
        for (NumericDriftTest t : NUMERIC) {
            assertIrrelevant(t.test(new double[0], SMP), "empty reference");
            assertIrrelevant(t.test(REF, new double[] {Double.NaN, Double.NaN}), "empty sample");
        }
        for (CategoricalDriftTest t : CATEGORICAL) {
            assertIrrelevant(t.test(Map.of(), Map.of("a", 3L)), "empty reference");
            assertIrrelevant(t.test(Map.of("a", 3L), Map.of("a", 0L)), "empty sample");
            assertIrrelevant(t.test(new String[] {"a"}, new String[] {null, null}), "empty sample");
        }
    }

    private static void assertIrrelevant(DriftTestResult r, String reason) {
        assertThat(r.status()).as(r.test()).isEqualTo(ResultStatus.IRRELEVANT);
        assertThat(r.statistic()).as(r.test()).isNaN();
        assertThat(r.pValue()).as(r.test()).isNaN();
        assertThat(r.note()).as(r.test()).startsWith(reason);
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void constantColumnsCompareWithoutDivisionByZero() {
        double[] five = {5, 5, 5, 5, 5, 5};
        for (NumericDriftTest t : NUMERIC) {
            DriftTestResult same = t.test(five, new double[] {5, 5, 5});
            assertThat(same.statistic()).as(t.name()).isZero();
            assertThat(same.status()).as(t.name()).isEqualTo(ResultStatus.NO_DETECTION);
            DriftTestResult moved = t.test(five, new double[] {5.5, 5.5, 5.5});
            assertThat(moved.status()).as(t.name()).isEqualTo(ResultStatus.DETECTED);
        }
        DriftTestResult ws = DriftTests.wasserstein().test(five, new double[] {5.5});
        assertThat(ws.statistic()).isEqualTo(0.5 / WassersteinTest.STD_FLOOR);
        assertThat(ws.note()).contains("normed by 0.001");
        assertThat(DriftTests.ks().test(five, new double[] {5, 5}).pValue()).isEqualTo(1.0);
    }

    @Test
    void singleRowsGiveFiniteResults() {
        for (NumericDriftTest t : NUMERIC) {
            for (DriftTestResult r : List.of(t.test(REF, new double[] {0.5}), t.test(new double[] {0.5}, SMP),
                    t.test(new double[] {0.5}, new double[] {0.5}))) {
                assertThat(r.status()).as(t.name()).isNotEqualTo(ResultStatus.IRRELEVANT);
                assertThat(r.statistic()).as(t.name()).isFinite();
            }
        }
        assertThat(DriftTests.ks().test(new double[] {1}, new double[] {2}).pValue()).isEqualTo(1.0);
    }

    @Test
    void unseenCategoriesAreHandledByEachTest() {
        Map<String, Long> ref = Map.of("a", 60L, "b", 40L);
        Map<String, Long> smp = Map.of("a", 30L, "b", 20L, "new", 50L);
        DriftTestResult chi = DriftTests.chiSquare().test(ref, smp);
        assertThat(chi.pValue()).isBetween(0.0, 1e-6);
        assertThat(chi.note()).contains("1 categories unseen in reference");
        DriftTestResult psi = DriftTests.psi().test(ref, smp);
        double expected = (0.3 - 0.6) * Math.log(0.5) + (0.2 - 0.4) * Math.log(0.5)
                + (0.5 - PsiTest.EPSILON) * Math.log(0.5 / PsiTest.EPSILON);
        assertThat(psi.statistic()).isCloseTo(expected, within(1e-12));
        assertThat(psi.status()).isEqualTo(ResultStatus.DETECTED);
        DriftTestResult js = DriftTests.jensenShannon().test(ref, smp);
        assertThat(js.statistic()).isBetween(0.1, Math.sqrt(Math.log(2)));
    }

    @Test
    void nullCategoriesAreExcluded() {
        String[] ref = {"a", "b", null, "a"};
        String[] smp = {"a", null, "b", "a", null};
        Map<String, Long> withNullKey = new HashMap<>(Map.of("a", 2L, "b", 1L));
        withNullKey.put(null, 7L);
        for (CategoricalDriftTest t : CATEGORICAL) {
            DriftTestResult r = t.test(ref, smp);
            assertThat(r.statistic()).as(t.name()).isEqualTo(t.test(Map.of("a", 2L, "b", 1L), Map.of("a", 2L, "b", 1L)).statistic());
            assertThat(r.note()).as(t.name()).contains("excluded 3 null values");
            assertThat(t.test(withNullKey, Map.of("a", 2L, "b", 1L)).note()).contains("excluded 7 null values");
        }
    }

    @Test
    void singleCategoryChiSquareIsNoDifference() {
        DriftTestResult r = DriftTests.chiSquare().test(Map.of("a", 10L, "b", 0L), Map.of("a", 4L));
        assertThat(r.statistic()).isZero();
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThat(r.note()).contains("single category");
    }

    @Test
    void psiBands() {
        CategoricalDriftTest psi = DriftTests.psi();
        Map<String, Long> ref = Map.of("a", 50L, "b", 50L);
        assertThat(psi.test(ref, Map.of("a", 50L, "b", 50L)).status()).isEqualTo(ResultStatus.NO_DETECTION);
        DriftTestResult potential = psi.test(ref, Map.of("a", 66L, "b", 34L)); // 0.16 * ln(66/34) = 0.106
        assertThat(potential.status()).isEqualTo(ResultStatus.POTENTIAL_DETECTION);
        assertThat(potential.drifted()).isTrue();
        assertThat(psi.test(ref, Map.of("a", 80L, "b", 20L)).status()).isEqualTo(ResultStatus.DETECTED);
    }

    @Test
    void badInputIsRejectedWithAMessageNamingIt() {
        assertThatThrownBy(() -> DriftTests.chiSquare().test(Map.of("a", -1L), Map.of("a", 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference count of category 'a' is -1");
        Map<String, Long> nullCount = new HashMap<>();
        nullCount.put("x", null);
        assertThatThrownBy(() -> DriftTests.psi().test(Map.of("a", 1L), nullCount))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample count of category 'x' is null");
        assertThatThrownBy(() -> DriftTests.ks().test(null, SMP)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("reference array is null");
        assertThatThrownBy(() -> DriftTests.ks(0)).hasMessageContaining("significance level");
        assertThatThrownBy(() -> DriftTests.wasserstein(Double.NaN)).hasMessageContaining("distance threshold");
        assertThatThrownBy(() -> DriftTests.psi(0.3, 0.2)).hasMessageContaining("0 < potential < detected");
    }

    @Test
    void exactKsPValueAgreesWithHipparchusWhereHipparchusIsExact() {
        KolmogorovSmirnovTest hipparchus = new KolmogorovSmirnovTest();
        int[][] sizes = {{5, 5}, {7, 3}, {20, 25}, {40, 60}, {100, 90}};
        for (int[] s : sizes) {
            int n = s[0];
            int m = s[1];
            long lcm = (long) n * m / org.hipparchus.util.ArithmeticUtils.gcd(n, m);
            for (long k = 1; k < lcm; k += Math.max(1, lcm / 37)) { // attainable values of D
                double d = k / (double) lcm;
                double ours = KsTest.pValue(hipparchus, d, n, m);
                assertThat(ours).as("n=%d m=%d d=%s", n, m, d).isCloseTo(hipparchus.exactP(d, n, m, false), within(1e-10));
            }
        }
    }

    @Test
    void wassersteinDistanceHelper() {
        assertThat(DriftTests.wassersteinDistance(new double[] {0, 1, 3}, new double[] {5, 6, 8})).isCloseTo(5.0, within(1e-12));
        assertThat(DriftTests.wassersteinDistance(new double[] {Double.NaN}, new double[] {1})).isNaN();
    }
}
