package io.driftwatch.stats.drift;

import java.util.Map;

/**
 * Jensen–Shannon distance with the natural logarithm, as
 * {@code scipy.spatial.distance.jensenshannon(p, q)} (default base): sqrt((KL(p‖m) + KL(q‖m)) / 2)
 * with m = (p + q) / 2, range [0, sqrt(ln 2) ≈ 0.833]. Zero probabilities need no smoothing.
 * Categorical: fractions per category over the union of categories. Numeric: fractions per
 * {@link ReferenceBins reference bin} (reference deciles plus two open outer bins). Cost O(k) on
 * counts, O((n+m) log n) on numeric data.
 */
final class JensenShannonTest implements NumericDriftTest, CategoricalDriftTest {
    static final String NAME = "jensen_shannon";
    private final double threshold;

    JensenShannonTest(double threshold) {
        this.threshold = Results.checkDistanceThreshold(threshold);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public DriftTestResult test(Map<String, Long> reference, Map<String, Long> sample) {
        Categories c = Categories.align(reference, sample);
        String empty = c.emptyReason();
        if (empty != null) {
            return DriftTestResult.irrelevant(NAME, threshold, empty);
        }
        double d = distance(Categories.fractions(c.reference(), c.referenceTotal()),
                Categories.fractions(c.sample(), c.sampleTotal()));
        return Results.byDistance(NAME, d, threshold, c.note());
    }

    @Override
    public DriftTestResult test(double[] reference, double[] sample) {
        Samples r = Samples.finite(reference, "reference");
        Samples s = Samples.finite(sample, "sample");
        String empty = Samples.emptyReason(r, s);
        if (empty != null) {
            return DriftTestResult.irrelevant(NAME, threshold, empty);
        }
        ReferenceBins bins = ReferenceBins.of(r.sorted());
        double d = distance(bins.fractions(r.sorted()), bins.fractions(s.sorted()));
        return Results.byDistance(NAME, d, threshold, Samples.exclusionNote(r, s));
    }

    /** The result from the two sides' fractions per bin (the binned path of {@link BinnedDriftTests}). */
    DriftTestResult fromFractions(double[] reference, double[] sample, String note) {
        return Results.byDistance(NAME, distance(reference, sample), threshold, note);
    }

    /** JS distance of two probability vectors of equal length, natural log. */
    static double distance(double[] p, double[] q) {
        double left = 0;
        double right = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            left += p[i] > 0 ? p[i] * Math.log(p[i] / m) : 0;
            right += q[i] > 0 ? q[i] * Math.log(q[i] / m) : 0;
        }
        return Math.sqrt(Math.max(0, (left + right) / 2));
    }
}
