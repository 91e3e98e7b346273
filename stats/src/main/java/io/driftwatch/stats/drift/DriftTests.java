package io.driftwatch.stats.drift;

/**
 * Factories for the drift tests beyond MLRun's histogram distances (DESIGN §6, "Beyond MLRun").
 * Each test compares a reference (training) sample with a current window and returns a
 * {@link DriftTestResult}; defaults follow Evidently's stattests and industry PSI bands
 * (see {@code shared/reference/peer-defaults.md}):
 * <table>
 * <caption>Tests, decision rules and default thresholds</caption>
 * <tr><th>factory</th><th>data</th><th>drift when</th><th>source of the default</th></tr>
 * <tr><td>{@link #ks()}</td><td>numeric</td><td>p &lt; 0.05</td><td>Evidently {@code ks} (ref ≤ 1000 rows)</td></tr>
 * <tr><td>{@link #wasserstein()}</td><td>numeric</td><td>W1 / max(std_ref, 0.001) ≥ 0.1</td>
 *     <td>Evidently {@code wasserstein} (ref &gt; 1000 rows)</td></tr>
 * <tr><td>{@link #chiSquare()}</td><td>categorical</td><td>p &lt; 0.05</td><td>Evidently {@code chisquare}</td></tr>
 * <tr><td>{@link #jensenShannon()}, {@link #jensenShannonNumeric()}</td><td>both</td>
 *     <td>JS distance (natural log) ≥ 0.1</td><td>Evidently {@code jensenshannon}</td></tr>
 * <tr><td>{@link #psi()}, {@link #psiNumeric()}</td><td>both</td>
 *     <td>≥ 0.1 potential, ≥ 0.25 detected</td><td>industry PSI bands</td></tr>
 * </table>
 * Accuracy: all statistics and p-values agree with SciPy 1.17 ({@code ks_2samp} method='auto',
 * {@code wasserstein_distance}, {@code chi2_contingency(correction=False)},
 * {@code spatial.distance.jensenshannon}) to 1e-6 on the fixtures of
 * {@code stats/src/test/python/gen_drift_fixtures.py}. Speed: all tests are O((n+m) log(n+m)) or
 * O(categories) except the exact KS p-value, O(n·m·d): up to ~0.1 s at 10k × 10k.
 * Numeric tests exclude NaN and ±Infinity; categorical tests exclude null categories; an empty side
 * gives {@link io.driftwatch.ResultStatus#IRRELEVANT} with the reason in the note.
 */
public final class DriftTests {
    /** Default significance level of KS and chi-square. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default threshold of the normed Wasserstein and Jensen–Shannon distances. */
    public static final double DEFAULT_DISTANCE_THRESHOLD = 0.1;
    /** Default start of PSI's "potential drift" band. */
    public static final double DEFAULT_PSI_POTENTIAL = 0.1;
    /** Default start of PSI's "drift detected" band. */
    public static final double DEFAULT_PSI_DETECTED = 0.25;

    private DriftTests() {
    }

    /** Two-sample Kolmogorov–Smirnov, drift when p &lt; 0.05; p-value as scipy's {@code ks_2samp}. */
    public static NumericDriftTest ks() {
        return ks(DEFAULT_ALPHA);
    }

    /** Kolmogorov–Smirnov with significance level {@code alpha} in (0, 1). */
    public static NumericDriftTest ks(double alpha) {
        return new KsTest(alpha);
    }

    /** Normed Wasserstein-1 distance, drift when ≥ 0.1. */
    public static NumericDriftTest wasserstein() {
        return wasserstein(DEFAULT_DISTANCE_THRESHOLD);
    }

    /** Normed Wasserstein-1 distance with a threshold &gt; 0. */
    public static NumericDriftTest wasserstein(double threshold) {
        return new WassersteinTest(threshold);
    }

    /** Chi-square test of homogeneity of category counts, drift when p &lt; 0.05. */
    public static CategoricalDriftTest chiSquare() {
        return chiSquare(DEFAULT_ALPHA);
    }

    /** Chi-square with significance level {@code alpha} in (0, 1). */
    public static CategoricalDriftTest chiSquare(double alpha) {
        return new ChiSquareDriftTest(alpha);
    }

    /** Jensen–Shannon distance of category fractions, drift when ≥ 0.1. */
    public static CategoricalDriftTest jensenShannon() {
        return jensenShannon(DEFAULT_DISTANCE_THRESHOLD);
    }

    /** Jensen–Shannon distance of category fractions with a threshold &gt; 0. */
    public static CategoricalDriftTest jensenShannon(double threshold) {
        return new JensenShannonTest(threshold);
    }

    /** Jensen–Shannon distance on reference-decile bins of a numeric feature, drift when ≥ 0.1. */
    public static NumericDriftTest jensenShannonNumeric() {
        return jensenShannonNumeric(DEFAULT_DISTANCE_THRESHOLD);
    }

    /** Jensen–Shannon distance on reference-decile bins with a threshold &gt; 0. */
    public static NumericDriftTest jensenShannonNumeric(double threshold) {
        return new JensenShannonTest(threshold);
    }

    /** PSI of category fractions with the default bands 0.1 / 0.25. */
    public static CategoricalDriftTest psi() {
        return new PsiTest(DEFAULT_PSI_POTENTIAL, DEFAULT_PSI_DETECTED);
    }

    /** PSI of category fractions with bands {@code 0 < potential < detected}. */
    public static CategoricalDriftTest psi(double potential, double detected) {
        return new PsiTest(potential, detected);
    }

    /** PSI on reference-decile bins of a numeric feature with the default bands 0.1 / 0.25. */
    public static NumericDriftTest psiNumeric() {
        return new PsiTest(DEFAULT_PSI_POTENTIAL, DEFAULT_PSI_DETECTED);
    }

    /** PSI on reference-decile bins with bands {@code 0 < potential < detected}. */
    public static NumericDriftTest psiNumeric(double potential, double detected) {
        return new PsiTest(potential, detected);
    }

    /**
     * The Wasserstein-1 distance between the empirical distributions of {@code u} and {@code v}
     * (as {@code scipy.stats.wasserstein_distance}); NaN and ±Inf are excluded.
     *
     * @return the distance, or NaN when either side has no finite value
     */
    public static double wassersteinDistance(double[] u, double[] v) {
        Samples a = Samples.finite(u, "first");
        Samples b = Samples.finite(v, "second");
        return a.isEmpty() || b.isEmpty() ? Double.NaN : WassersteinTest.distanceSorted(a.sorted(), b.sorted());
    }
}
