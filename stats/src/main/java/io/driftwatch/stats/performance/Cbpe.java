package io.driftwatch.stats.performance;

import java.util.List;
import java.util.Map;

/**
 * Confidence-based performance estimation (NannyML's CBPE): the performance of a classifier on rows without labels,
 * from its predicted probabilities. Fitted on a labelled reference: one calibration per class (isotonic by default,
 * see {@link Calibration#isotonic}; for two classes one calibration of the second class's probability, the first's
 * being 1 − it; for more, each class one-vs-rest and the row renormalised to sum 1). For a window, row i predicted as
 * class p with calibrated probabilities c_i adds c_i[t] to the expected confusion matrix cell [t][p]; the estimated
 * accuracy, precision, recall and F1 (macro, weighted) are those of the expected matrix (same formulas as the realized
 * ones, {@link ConfusionMatrix}); the estimated {@code roc_auc} is the area under the expected ROC curve (the raw
 * probabilities rank the rows, the calibrated ones weigh them as positives).
 *
 * <p>Confidence band: the sampling error σ of each metric at the window's size n is the standard deviation of the
 * realized metric over {@link Options#draws()} bootstrap samples of the reference of size m = min(n,
 * {@link Options#maxDrawSize()}), scaled by √(m/n); the band is estimate ± {@link Options#bandSigmas()}·σ clipped to
 * [0, 1]. Draws are seeded from n, so the same window gives the same band.
 *
 * <p>Valid when there is no concept shift (P(y | x) as on the reference) and the calibration, fitted on the reference's
 * covariate space, holds on the window's; see docs/performance.md for when the estimate is wrong. Thread-safe.
 */
public interface Cbpe {
    /** The estimated metrics ({@link Metrics} names). */
    List<String> METRICS = List.of(Metrics.ACCURACY, Metrics.PRECISION_MACRO, Metrics.RECALL_MACRO, Metrics.F1_MACRO,
            Metrics.F1_WEIGHTED, Metrics.ROC_AUC);

    /**
     * Fits on labelled reference rows.
     *
     * @param yTrue   the reference labels (no nulls)
     * @param yPred   the reference predictions (no nulls)
     * @param proba   per row the probability of each of {@code classes}
     * @param classes at least two
     * @throws IllegalArgumentException on empty or mismatched inputs, fewer than two classes, a non-finite probability
     */
    static Cbpe fit(List<String> yTrue, List<String> yPred, double[][] proba, List<String> classes, Options options) {
        return DefaultCbpe.fit(yTrue, yPred, proba, classes, options);
    }

    /** The classes of the probability columns. */
    List<String> classes();

    /** The realized metrics of the reference (NaN when undefined), by name. */
    Map<String, Double> referenceMetrics();

    /**
     * Estimates the window's metrics.
     *
     * @param yPred the window's predicted classes (a row whose class is not one of {@link #classes()} is skipped)
     * @param proba the window's raw probabilities, one row per prediction (a row with a non-finite value is skipped)
     */
    Estimate estimate(List<String> yPred, double[][] proba);

    /** The calibrated probabilities of one row (for tests and display). */
    double[] calibrate(double[] proba);

    /**
     * @param calibrate   isotonic calibration on (true) or the probabilities taken as calibrated (false)
     * @param bandSigmas  the band's half-width in sampling errors (NannyML: 3)
     * @param draws       bootstrap samples for the sampling error (≥ 2)
     * @param maxDrawSize the largest bootstrap sample (≥ 1); larger windows scale σ by √(m/n)
     */
    record Options(boolean calibrate, double bandSigmas, int draws, int maxDrawSize) {
        public static final Options DEFAULTS = new Options(true, 3, 50, 5_000);

        public Options {
            if (!(bandSigmas > 0) || draws < 2 || maxDrawSize < 1) {
                throw new IllegalArgumentException("band_sigmas must be > 0, draws >= 2, max draw size >= 1");
            }
        }
    }

    /** One estimated metric: the value, its sampling error σ and the band [lower, upper]. */
    record Estimated(double value, double samplingError, double lower, double upper) {
        /** Whether a realized value lies inside the band. */
        public boolean contains(double realized) {
            return realized >= lower && realized <= upper;
        }
    }

    /**
     * @param rows     the rows estimated (after skipping)
     * @param metrics  by name, in {@link #METRICS} order; a metric undefined on this window is absent
     * @param expected the expected confusion matrix over {@link #classes()}
     */
    record Estimate(int rows, Map<String, Estimated> metrics, ConfusionMatrix expected) {
    }
}
