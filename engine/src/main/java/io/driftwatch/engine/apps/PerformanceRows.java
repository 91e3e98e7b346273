package io.driftwatch.engine.apps;

import io.driftwatch.SampleFrame;
import io.driftwatch.engine.apps.PerformanceOptions.Task;
import io.driftwatch.stats.performance.ClassOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label, prediction and probability columns of one frame (a window, or the reference), row by row. A row is
 * labelled when its label is not null (nor NaN); its predicted class is the prediction column's value or, without
 * one, the class of highest probability (the first on ties).
 *
 * @param rows         the frame's row count
 * @param task         classification or regression (never AUTO)
 * @param trueKeys     per row the label's class key, null when unlabelled (classification)
 * @param predKeys     per row the predicted class key, null when unknown (classification)
 * @param trueValues   per row the label as a number, NaN when unlabelled or not a number (regression)
 * @param predValues   per row the prediction as a number, NaN when unknown (regression)
 * @param classes      the probability columns' classes, sorted (empty without probabilities)
 * @param proba        per row the probabilities of {@code classes}; null without probabilities
 */
record PerformanceRows(int rows, Task task, List<String> trueKeys, List<String> predKeys, double[] trueValues,
                       double[] predValues, List<String> classes, double[][] proba) {

    /** The columns of {@code frame}; {@code label} is the ground-truth column's name. */
    static PerformanceRows of(SampleFrame frame, PerformanceOptions o, String label, List<String> outputs, Task task) {
        Set<String> names = new HashSet<>(frame.columnNames());
        List<String> classes = ClassOrder.sorted(o.probabilities().keySet());
        boolean hasProba = !classes.isEmpty() && names.containsAll(o.probabilities().values());
        String pred = predictionColumn(o, outputs, names);
        List<Object> labels = names.contains(label) ? frame.values(label) : null;
        List<Object> preds = pred == null ? null : frame.values(pred);
        Task t = task != Task.AUTO ? task : guess(o, labels, preds);
        int n = frame.rowCount();
        double[][] proba = hasProba ? proba(frame, o.probabilities(), classes, n) : null;
        List<String> tk = new ArrayList<>(n);
        List<String> pk = new ArrayList<>(n);
        double[] tv = new double[n];
        double[] pv = new double[n];
        for (int i = 0; i < n; i++) {
            Object y = labels == null ? null : labels.get(i);
            Object p = preds == null ? null : preds.get(i);
            tk.add(ClassOrder.key(y));
            pk.add(p != null ? ClassOrder.key(p) : proba == null ? null : argmax(classes, proba[i]));
            tv[i] = number(y);
            pv[i] = number(p);
        }
        return new PerformanceRows(n, t, Collections.unmodifiableList(tk), Collections.unmodifiableList(pk), tv, pv,
                hasProba ? classes : List.of(), proba);
    }

    /** The prediction column: the param, else the first output that is no probability column; null if absent. */
    static String predictionColumn(PerformanceOptions o, List<String> outputs, Set<String> names) {
        if (o.predictionColumn() != null) {
            return names.contains(o.predictionColumn()) ? o.predictionColumn() : null;
        }
        for (String out : outputs) {
            if (!o.probabilities().containsValue(out) && !out.equals(o.labelColumn()) && names.contains(out)) {
                return out;
            }
        }
        return null;
    }

    /** Classification with probabilities or non-numeric/integral values; regression when a value has a fraction. */
    private static Task guess(PerformanceOptions o, List<Object> labels, List<Object> preds) {
        if (!o.probabilities().isEmpty()) {
            return Task.CLASSIFICATION;
        }
        for (List<Object> col : java.util.Arrays.asList(labels, preds)) {
            if (col == null) {
                continue;
            }
            for (Object v : col) {
                if (v instanceof Number num && Double.isFinite(num.doubleValue())
                        && num.doubleValue() != Math.rint(num.doubleValue())) {
                    return Task.REGRESSION;
                }
            }
        }
        return Task.CLASSIFICATION;
    }

    private static double[][] proba(SampleFrame frame, Map<String, String> columns, List<String> classes, int n) {
        double[][] out = new double[n][classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            double[] col = frame.numeric(columns.get(classes.get(k)));
            for (int i = 0; i < n; i++) {
                out[i][k] = col[i];
            }
        }
        return out;
    }

    private static String argmax(List<String> classes, double[] p) {
        int best = -1;
        for (int k = 0; k < p.length; k++) {
            if (!Double.isFinite(p[k])) {
                return null;
            }
            if (best < 0 || p[k] > p[best]) {
                best = k;
            }
        }
        return best < 0 ? null : classes.get(best);
    }

    private static double number(Object v) {
        return v instanceof Number num ? num.doubleValue() : Double.NaN;
    }

    /** Rows with a label (classification: a class key; regression: a finite number). */
    int labelled() {
        int c = 0;
        for (int i = 0; i < rows; i++) {
            c += isLabelled(i) ? 1 : 0;
        }
        return c;
    }

    boolean isLabelled(int i) {
        return task == Task.CLASSIFICATION ? trueKeys.get(i) != null : Double.isFinite(trueValues[i]);
    }

    /** Whether row i can be evaluated: labelled and predicted (and, with probabilities, all finite). */
    boolean evaluable(int i) {
        if (task == Task.REGRESSION) {
            return Double.isFinite(trueValues[i]) && Double.isFinite(predValues[i]);
        }
        return trueKeys.get(i) != null && predKeys.get(i) != null && (proba == null || finite(proba[i]));
    }

    static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The evaluable rows' indices. */
    int[] evaluableRows() {
        return java.util.stream.IntStream.range(0, rows).filter(this::evaluable).toArray();
    }

    static <T> List<T> pick(List<T> values, int[] idx) {
        List<T> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(values.get(i));
        }
        return out;
    }

    static double[] pick(double[] values, int[] idx) {
        double[] out = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = values[idx[j]];
        }
        return out;
    }

    static double[][] pick(double[][] values, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int j = 0; j < idx.length; j++) {
            out[j] = values[idx[j]];
        }
        return out;
    }
}
