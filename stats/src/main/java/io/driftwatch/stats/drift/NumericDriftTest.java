package io.driftwatch.stats.drift;

/**
 * A drift test on a numeric feature. {@code NaN} values are excluded, and so are {@code ±Infinity}
 * (an infinite value has no place in an empirical CDF distance, a quantile bin edge or a std);
 * the result's note counts what was excluded. An empty reference or sample (after exclusion) gives
 * {@link io.driftwatch.ResultStatus#IRRELEVANT}, never an exception.
 */
public sealed interface NumericDriftTest extends DriftTest
        permits KsTest, WassersteinTest, PsiTest, JensenShannonTest {

    /**
     * Compares {@code sample} with {@code reference}; the arrays are not modified.
     *
     * @throws NullPointerException if an array is null
     */
    DriftTestResult test(double[] reference, double[] sample);
}
