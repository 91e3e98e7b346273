package io.driftwatch.stats.drift;

import java.util.Map;

/**
 * A drift test on a categorical feature, given as category → count maps or as raw values.
 * Null categories (a null map key or a null array element) are excluded; categories with a zero
 * count on both sides are ignored; a category seen only in the sample is handled by each test as
 * documented there. An empty reference or sample gives {@link io.driftwatch.ResultStatus#IRRELEVANT}.
 */
public sealed interface CategoricalDriftTest extends DriftTest
        permits ChiSquareDriftTest, PsiTest, JensenShannonTest {

    /**
     * Compares the sample counts with the reference counts.
     *
     * @throws NullPointerException     if a map is null
     * @throws IllegalArgumentException if a count is null or negative (the message names the category)
     */
    DriftTestResult test(Map<String, Long> reference, Map<String, Long> sample);

    /**
     * Counts the values of each array (nulls excluded) and compares the counts.
     *
     * @throws NullPointerException if an array is null
     */
    default DriftTestResult test(String[] reference, String[] sample) {
        return test(Categories.count(reference, "reference"), Categories.count(sample, "sample"));
    }
}
