package io.driftwatch.stats.drift;

import io.driftwatch.ResultStatus;

/** Decision rules shared by the tests. */
final class Results {
    private Results() {
    }

    /** Drift when {@code pValue < alpha}. */
    static DriftTestResult byPValue(String test, double statistic, double pValue, double alpha, String note) {
        ResultStatus status = pValue < alpha ? ResultStatus.DETECTED : ResultStatus.NO_DETECTION;
        return new DriftTestResult(test, statistic, pValue, alpha, status, note);
    }

    /** Drift when {@code distance >= threshold}. */
    static DriftTestResult byDistance(String test, double distance, double threshold, String note) {
        ResultStatus status = distance >= threshold ? ResultStatus.DETECTED : ResultStatus.NO_DETECTION;
        return new DriftTestResult(test, distance, Double.NaN, threshold, status, note);
    }

    static double checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("significance level must be in (0, 1), got " + alpha);
        }
        return alpha;
    }

    static double checkDistanceThreshold(double threshold) {
        if (!(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("distance threshold must be finite and > 0, got " + threshold);
        }
        return threshold;
    }

    static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
