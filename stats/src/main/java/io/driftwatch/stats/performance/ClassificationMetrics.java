package io.driftwatch.stats.performance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Realized classification metrics, each equal to scikit-learn 1.9 (to 1e-9 on the committed fixtures):
 * <ul>
 * <li>{@code accuracy} = {@code accuracy_score};</li>
 * <li>{@code precision_macro}, {@code recall_macro}, {@code f1_macro}, {@code f1_weighted} =
 * {@code precision_score/recall_score/f1_score(average=…)} with the default {@code zero_division="warn"} (a 0/0
 * counts as 0), over {@code unique_labels(y_true, y_pred)};</li>
 * <li>{@code log_loss} = {@code log_loss(y_true, proba, labels=classes)}: probabilities clipped to
 * [ε, 1 − ε], ε = 2.22e-16, natural log, mean over rows; rows are not renormalised (scikit-learn rejects rows that do
 * not sum to 1; here they are used as given);</li>
 * <li>{@code roc_auc} = {@code roc_auc_score(y_true, proba[:, 1])} for two classes (positive = the second class in
 * {@link ClassOrder} order), else {@code roc_auc_score(y_true, proba, multi_class="ovr", average="macro",
 * labels=classes)} (scikit-learn's default is {@code multi_class="raise"}; one-vs-rest macro is what we
 * state).</li>
 * </ul>
 * Edge cases: zero rows give every metric NaN; one class only gives accuracy and the per-class values as above and
 * {@code roc_auc} NaN (undefined, as scikit-learn's nan); a true label outside the probability classes, or a NaN
 * probability, gives {@code log_loss} and {@code roc_auc} NaN. O(rows × classes + rows log rows).
 */
public final class ClassificationMetrics {
    /** The clipping of probabilities in {@code log_loss}: {@code np.finfo(float64).eps}. */
    public static final double EPS = Math.ulp(1.0);

    private ClassificationMetrics() {
    }

    /** Metrics of labels and predicted classes, without probabilities. */
    public static ClassificationReport evaluate(List<String> yTrue, List<String> yPred) {
        return evaluate(yTrue, yPred, null, List.of());
    }

    /**
     * @param yTrue        the true class keys (no nulls)
     * @param yPred        the predicted class keys, as many (no nulls)
     * @param proba        null, or one row per label: the probability of each of {@code probaClasses}
     * @param probaClasses the classes of the probability columns, in column order
     * @throws IllegalArgumentException on a length mismatch or a null key
     */
    public static ClassificationReport evaluate(List<String> yTrue, List<String> yPred, double[][] proba,
                                                List<String> probaClasses) {
        check(yTrue, yPred, proba, probaClasses);
        ConfusionMatrix cm = confusion(yTrue, yPred, ClassOrder.sorted(yTrue, yPred));
        double logLoss = Double.NaN;
        double auc = Double.NaN;
        double[][] onehot = proba == null ? null : oneHot(yTrue, probaClasses);
        if (onehot != null && !yTrue.isEmpty() && finite(proba)) {
            logLoss = logLoss(proba, onehot);
            auc = probaClasses.size() >= 2 ? RocAuc.ovr(proba, onehot, probaClasses.size()) : Double.NaN;
        }
        return new ClassificationReport(yTrue.size(), cm.accuracy(), cm.precisionMacro(), cm.recallMacro(),
                cm.f1Macro(), cm.f1Weighted(), logLoss, auc, cm);
    }

    /** The confusion matrix of the rows over {@code classes} (rows with a key outside them are not counted). */
    public static ConfusionMatrix confusion(List<String> yTrue, List<String> yPred, List<String> classes) {
        Map<String, Integer> index = index(classes);
        double[][] counts = new double[classes.size()][classes.size()];
        for (int i = 0; i < yTrue.size(); i++) {
            Integer t = index.get(yTrue.get(i));
            Integer p = index.get(yPred.get(i));
            if (t != null && p != null) {
                counts[t][p]++;
            }
        }
        return new ConfusionMatrix(classes, counts);
    }

    static Map<String, Integer> index(List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        return index;
    }

    /** One-hot rows of the true labels over the classes; null when a label is not one of them. */
    static double[][] oneHot(List<String> yTrue, List<String> classes) {
        Map<String, Integer> index = index(classes);
        double[][] out = new double[yTrue.size()][classes.size()];
        for (int i = 0; i < yTrue.size(); i++) {
            Integer k = index.get(yTrue.get(i));
            if (k == null) {
                return null;
            }
            out[i][k] = 1;
        }
        return out;
    }

    private static double logLoss(double[][] proba, double[][] onehot) {
        double s = 0;
        for (int i = 0; i < proba.length; i++) {
            for (int k = 0; k < proba[i].length; k++) {
                if (onehot[i][k] == 1) {
                    s -= Math.log(Math.min(Math.max(proba[i][k], EPS), 1 - EPS));
                }
            }
        }
        return s / proba.length;
    }

    private static boolean finite(double[][] proba) {
        for (double[] row : proba) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void check(List<String> yTrue, List<String> yPred, double[][] proba, List<String> classes) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        if (yTrue.size() != yPred.size()) {
            throw new IllegalArgumentException(yTrue.size() + " labels but " + yPred.size() + " predictions");
        }
        if (yTrue.stream().anyMatch(Objects::isNull) || yPred.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("labels and predictions must not be null (filter unlabelled rows)");
        }
        if (proba != null) {
            if (proba.length != yTrue.size()) {
                throw new IllegalArgumentException(proba.length + " probability rows for " + yTrue.size() + " labels");
            }
            for (double[] row : proba) {
                if (row.length != classes.size()) {
                    throw new IllegalArgumentException("a probability row has " + row.length + " values for "
                            + classes.size() + " classes");
                }
            }
        }
    }
}
