package io.driftwatch.stats.performance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realized classification metrics of labelled rows (see {@link ClassificationMetrics} for the definitions).
 * A metric that is undefined is NaN: all of them for zero rows; {@code logLoss} and {@code rocAuc} without
 * probabilities; {@code rocAuc} when a class has no positive or no negative row.
 *
 * @param rows      the labelled rows evaluated
 * @param confusion over the classes seen in the labels or the predictions (scikit-learn's {@code unique_labels})
 */
public record ClassificationReport(int rows, double accuracy, double precisionMacro, double recallMacro,
                                   double f1Macro, double f1Weighted, double logLoss, double rocAuc,
                                   ConfusionMatrix confusion) {

    /** The metrics by their result names ({@code accuracy}, {@code precision_macro}, …), NaN ones included. */
    public Map<String, Double> byName() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.ACCURACY, accuracy);
        m.put(Metrics.PRECISION_MACRO, precisionMacro);
        m.put(Metrics.RECALL_MACRO, recallMacro);
        m.put(Metrics.F1_MACRO, f1Macro);
        m.put(Metrics.F1_WEIGHTED, f1Weighted);
        m.put(Metrics.LOG_LOSS, logLoss);
        m.put(Metrics.ROC_AUC, rocAuc);
        return m;
    }

    /** Per class: {precision, recall, f1, support}, in class order. */
    public Map<String, Map<String, Double>> perClass() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int k = 0; k < confusion.size(); k++) {
            Map<String, Double> c = new LinkedHashMap<>();
            c.put("precision", confusion.precision(k));
            c.put("recall", confusion.recall(k));
            c.put("f1", confusion.f1(k));
            c.put("support", confusion.actual(k));
            out.put(confusion.classes().get(k), c);
        }
        return out;
    }
}
