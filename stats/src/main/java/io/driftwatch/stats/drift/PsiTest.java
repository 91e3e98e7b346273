package io.driftwatch.stats.drift;

import io.driftwatch.ResultStatus;
import java.util.Map;

/**
 * Population stability index PSI = Σ (a − e) · ln(a / e), a = sample fraction, e = reference fraction
 * per bin or category, each fraction equal to 0 replaced by {@value #EPSILON} (no renormalisation;
 * the same zero-scaling as the KLD of the histogram app). This is the classic PSI, not Phoenix's
 * symmetric KL. Bands (industry convention, see peer-defaults.md): &lt; 0.1 no drift, [0.1, 0.25)
 * potential, ≥ 0.25 detected. Categorical: union of categories (an unseen category contributes
 * (a − 1e-4) · ln(a / 1e-4)). Numeric: {@link ReferenceBins reference bins} (reference deciles plus
 * two open outer bins). Cost as {@link JensenShannonTest}.
 */
final class PsiTest implements NumericDriftTest, CategoricalDriftTest {
    static final String NAME = "psi";
    static final double EPSILON = 1e-4;
    private final double potential;
    private final double detected;

    PsiTest(double potential, double detected) {
        if (!(potential > 0 && potential < detected && Double.isFinite(detected))) {
            throw new IllegalArgumentException(
                    "PSI thresholds need 0 < potential < detected < inf, got " + potential + ", " + detected);
        }
        this.potential = potential;
        this.detected = detected;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The start of the "detected" band; {@link #potentialThreshold()} starts "potential". */
    @Override
    public double threshold() {
        return detected;
    }

    double potentialThreshold() {
        return potential;
    }

    @Override
    public DriftTestResult test(Map<String, Long> reference, Map<String, Long> sample) {
        Categories c = Categories.align(reference, sample);
        String empty = c.emptyReason();
        if (empty != null) {
            return DriftTestResult.irrelevant(NAME, detected, empty);
        }
        double v = psi(Categories.fractions(c.reference(), c.referenceTotal()),
                Categories.fractions(c.sample(), c.sampleTotal()));
        return result(v, c.note());
    }

    @Override
    public DriftTestResult test(double[] reference, double[] sample) {
        Samples r = Samples.finite(reference, "reference");
        Samples s = Samples.finite(sample, "sample");
        String empty = Samples.emptyReason(r, s);
        if (empty != null) {
            return DriftTestResult.irrelevant(NAME, detected, empty);
        }
        ReferenceBins bins = ReferenceBins.of(r.sorted());
        return result(psi(bins.fractions(r.sorted()), bins.fractions(s.sorted())), Samples.exclusionNote(r, s));
    }

    /** The result from the two sides' fractions per bin (the binned path of {@link BinnedDriftTests}). */
    DriftTestResult fromFractions(double[] reference, double[] sample, String note) {
        return result(psi(reference, sample), note);
    }

    private DriftTestResult result(double v, String note) {
        ResultStatus status = v >= detected ? ResultStatus.DETECTED
                : v >= potential ? ResultStatus.POTENTIAL_DETECTION : ResultStatus.NO_DETECTION;
        return new DriftTestResult(NAME, v, Double.NaN, detected, status, note);
    }

    /** PSI of reference fractions {@code e} and sample fractions {@code a}. */
    static double psi(double[] e, double[] a) {
        double sum = 0;
        for (int i = 0; i < e.length; i++) {
            double ei = e[i] == 0 ? EPSILON : e[i];
            double ai = a[i] == 0 ? EPSILON : a[i];
            sum += (ai - ei) * Math.log(ai / ei);
        }
        return sum;
    }
}
