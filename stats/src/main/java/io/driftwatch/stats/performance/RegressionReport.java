package io.driftwatch.stats.performance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realized regression metrics of labelled rows (definitions in {@link RegressionMetrics}); NaN when undefined.
 *
 * @param rows the rows evaluated (finite label and prediction)
 */
public record RegressionReport(int rows, double mae, double rmse, double mape, double r2) {

    /** The metrics by their result names ({@code mae}, {@code rmse}, {@code mape}, {@code r2}). */
    public Map<String, Double> byName() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.MAE, mae);
        m.put(Metrics.RMSE, rmse);
        m.put(Metrics.MAPE, mape);
        m.put(Metrics.R2, r2);
        return m;
    }
}
