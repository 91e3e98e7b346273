package io.driftwatch.stats.drift;

import io.driftwatch.ResultStatus;
import java.util.Objects;

/**
 * The outcome of one {@link DriftTest} on one feature.
 *
 * @param test      the test's name, e.g. {@code ks}, {@code psi} (see {@link DriftTest#name()})
 * @param statistic the value compared with {@code threshold} for distance tests (normed Wasserstein,
 *                  Jensen–Shannon distance, PSI), the test statistic for KS (D) and chi-square;
 *                  {@code NaN} only when {@code status} is {@link ResultStatus#IRRELEVANT}
 * @param pValue    the p-value for KS and chi-square, {@code NaN} for distance tests and when irrelevant
 * @param threshold the decision threshold: significance level for p-value tests (drift if
 *                  {@code pValue < threshold}), distance threshold otherwise (drift if
 *                  {@code statistic >= threshold}); for PSI the "detected" band start
 * @param status    the verdict; {@link ResultStatus#IRRELEVANT} when there was nothing to compare
 * @param note      why the result is irrelevant, or what was excluded or adjusted (empty if nothing)
 */
public record DriftTestResult(
        String test, double statistic, double pValue, double threshold, ResultStatus status, String note) {

    /** Checks that the name, status and note are present. */
    public DriftTestResult {
        Objects.requireNonNull(test, "test name is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(note, "note is null (use an empty string)");
    }

    /** A result with no statistic: {@code reason} says why (e.g. an empty sample). */
    static DriftTestResult irrelevant(String test, double threshold, String reason) {
        return new DriftTestResult(test, Double.NaN, Double.NaN, threshold, ResultStatus.IRRELEVANT, reason);
    }

    /** Whether drift was found ({@link ResultStatus#DETECTED} or {@link ResultStatus#POTENTIAL_DETECTION}). */
    public boolean drifted() {
        return status == ResultStatus.DETECTED || status == ResultStatus.POTENTIAL_DETECTION;
    }
}
