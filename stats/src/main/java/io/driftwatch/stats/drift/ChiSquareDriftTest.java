package io.driftwatch.stats.drift;

import java.util.Map;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Pearson chi-square test of homogeneity on the 2 × k contingency table
 * (reference counts; sample counts) over the categories seen on either side, via Hipparchus
 * {@code ChiSquareTest.chiSquareTest(long[][])} — the same as
 * {@code scipy.stats.chi2_contingency(table, correction=False)} (no Yates correction, which scipy
 * would apply only at k = 2). Degrees of freedom k − 1. A category unseen in the reference needs no
 * pseudo-count: its expected count (row total × column total / N) is positive. Categories with zero
 * count on both sides are dropped; with fewer than two categories left the two distributions are
 * identical: statistic 0, p-value 1. Cost O(k).
 */
final class ChiSquareDriftTest implements CategoricalDriftTest {
    static final String NAME = "chi_square";
    private final double alpha;

    ChiSquareDriftTest(double alpha) {
        this.alpha = Results.checkAlpha(alpha);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double threshold() {
        return alpha;
    }

    @Override
    public DriftTestResult test(Map<String, Long> reference, Map<String, Long> sample) {
        Categories c = Categories.align(reference, sample);
        String empty = c.emptyReason();
        if (empty != null) {
            return DriftTestResult.irrelevant(NAME, alpha, empty);
        }
        if (c.keys().size() < 2) {
            String note = Results.join(c.note(), "a single category on both sides: no difference to test");
            return Results.byPValue(NAME, 0, 1, alpha, note);
        }
        long[][] table = {c.reference(), c.sample()};
        ChiSquareTest chi = new ChiSquareTest();
        return Results.byPValue(NAME, chi.chiSquare(table), chi.chiSquareTest(table), alpha, c.note());
    }
}
