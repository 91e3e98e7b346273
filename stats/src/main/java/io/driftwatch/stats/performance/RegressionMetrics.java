package io.driftwatch.stats.performance;

import java.util.Objects;

/**
 * Realized regression metrics, each equal to scikit-learn 1.9 (to 1e-9 on the committed fixtures):
 * {@code mae} = {@code mean_absolute_error}; {@code rmse} = {@code root_mean_squared_error};
 * {@code mape} = {@code mean_absolute_percentage_error} = mean(|y − ŷ| / max(|y|, ε)), ε = 2.22e-16, a fraction
 * (not ×100), huge when a label is 0 and the prediction is not; {@code r2} = {@code r2_score} with
 * {@code force_finite=True}: 1 − SS_res/SS_tot, and when SS_tot = 0 (constant labels) 1 if SS_res = 0 else 0.
 * Edge cases: zero rows give all NaN; one row gives {@code r2} NaN (scikit-learn warns and returns nan).
 * O(rows).
 */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    /**
     * @param yTrue finite labels
     * @param yPred finite predictions, as many
     * @throws IllegalArgumentException on a length mismatch or a non-finite value
     */
    public static RegressionReport evaluate(double[] yTrue, double[] yPred) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        int n = yTrue.length;
        if (yPred.length != n) {
            throw new IllegalArgumentException(n + " labels but " + yPred.length + " predictions");
        }
        double abs = 0;
        double sq = 0;
        double pct = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(yTrue[i]) || !Double.isFinite(yPred[i])) {
                throw new IllegalArgumentException("row " + i + " is not finite (filter unlabelled rows)");
            }
            double e = yTrue[i] - yPred[i];
            abs += Math.abs(e);
            sq += e * e;
            pct += Math.abs(e) / Math.max(Math.abs(yTrue[i]), ClassificationMetrics.EPS);
            mean += yTrue[i];
        }
        if (n == 0) {
            return new RegressionReport(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        mean /= n;
        double tot = 0;
        for (double y : yTrue) {
            tot += (y - mean) * (y - mean);
        }
        double r2 = n < 2 ? Double.NaN : tot == 0 ? (sq == 0 ? 1 : 0) : 1 - sq / tot;
        return new RegressionReport(n, abs / n, Math.sqrt(sq / n), pct / n, r2);
    }
}
