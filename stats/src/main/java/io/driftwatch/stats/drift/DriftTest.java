package io.driftwatch.stats.drift;

/**
 * A two-sample drift test comparing a reference (training) sample with a current window.
 * Create instances with {@link DriftTests}; all instances are immutable and thread-safe.
 */
public sealed interface DriftTest permits NumericDriftTest, CategoricalDriftTest {

    /** The short name reported in {@link DriftTestResult#test()}: {@code ks}, {@code wasserstein},
     *  {@code chi_square}, {@code jensen_shannon} or {@code psi}. */
    String name();

    /** The decision threshold (significance level or distance), see {@link DriftTestResult#threshold()}. */
    double threshold();
}
