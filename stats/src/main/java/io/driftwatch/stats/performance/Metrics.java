package io.driftwatch.stats.performance;

import java.util.Set;

/** The metric names (the result names of the {@code model-performance} app) and which way is better. */
public final class Metrics {
    public static final String ACCURACY = "accuracy";
    public static final String PRECISION_MACRO = "precision_macro";
    public static final String RECALL_MACRO = "recall_macro";
    public static final String F1_MACRO = "f1_macro";
    public static final String F1_WEIGHTED = "f1_weighted";
    public static final String LOG_LOSS = "log_loss";
    public static final String ROC_AUC = "roc_auc";
    public static final String MAE = "mae";
    public static final String RMSE = "rmse";
    public static final String MAPE = "mape";
    public static final String R2 = "r2";
    private static final Set<String> LOWER_IS_BETTER = Set.of(LOG_LOSS, MAE, RMSE, MAPE);

    private Metrics() {
    }

    /** Whether a smaller value is better (losses and errors); false for scores. */
    public static boolean lowerIsBetter(String metric) {
        return LOWER_IS_BETTER.contains(metric);
    }

    /**
     * How much worse {@code current} is than {@code reference}, relative to |reference|: for scores
     * (reference − current) / |reference|, for losses (current − reference) / |reference|; negative when better.
     * A reference of 0 gives 0 when equal, +∞ when worse, −∞ when better. NaN when either is NaN.
     */
    public static double relativeDegradation(String metric, double reference, double current) {
        double worse = lowerIsBetter(metric) ? current - reference : reference - current;
        if (Double.isNaN(worse)) {
            return Double.NaN;
        }
        if (reference == 0) {
            return worse == 0 ? 0 : worse > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return worse / Math.abs(reference);
    }
}
