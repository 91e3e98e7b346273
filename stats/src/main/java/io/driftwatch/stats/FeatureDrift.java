package io.driftwatch.stats;

/**
 * The drift measures of one feature between a window and the reference.
 *
 * @param tvd         total variation distance, [0, 1]
 * @param hellinger   Hellinger distance, [0, 1]
 * @param kld         symmetric KL divergence, ≥ 0, unbounded
 * @param categorical true if measured on category histograms, false on numeric bins
 */
public record FeatureDrift(double tvd, double hellinger, double kld, boolean categorical) {
    /** (tvd + hellinger) / 2: the value of MLRun's {@code features_drift_results} artifact. */
    public double drift() {
        return (tvd + hellinger) / 2;
    }
}
