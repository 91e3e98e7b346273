package io.driftwatch.stats.performance;

/** A monotone map from a predicted probability to a calibrated one (both in [0, 1]). Immutable, thread-safe. */
public interface Calibration {
    /** The calibrated probability of {@code p}. */
    double apply(double p);

    /** No calibration: {@code p} as it is. */
    static Calibration identity() {
        return p -> p;
    }

    /**
     * Isotonic regression of the outcomes on the scores (scikit-learn's {@code IsotonicRegression(y_min=0, y_max=1,
     * out_of_bounds="clip")}): scores with equal values are pooled, the pool-adjacent-violators fit gives a
     * non-decreasing step function at the distinct scores, predictions interpolate linearly between them and clip
     * outside. Non-finite scores are ignored. O(n log n) to fit, O(log n) to apply.
     *
     * @param scores   the predicted probabilities of one class
     * @param outcomes 1 when the row is of that class, else 0
     * @throws IllegalArgumentException on a length mismatch or when no score is finite
     */
    static Calibration isotonic(double[] scores, double[] outcomes) {
        return IsotonicCalibration.fit(scores, outcomes);
    }
}
