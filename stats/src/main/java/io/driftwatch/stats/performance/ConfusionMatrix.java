package io.driftwatch.stats.performance;

import java.util.List;
import java.util.Objects;

/**
 * A confusion matrix over {@code classes}: {@code counts[t][p]} = rows of true class {@code t} predicted as
 * {@code p} (scikit-learn's {@code confusion_matrix} layout). Counts are doubles so that an expected matrix (CBPE,
 * fractional counts) uses the same formulas as a realized one. Per-class precision, recall and F1 follow
 * scikit-learn 1.9 with {@code zero_division="warn"} (the default), which yields 0: precision = TP/(TP+FP), 0 when
 * nothing was predicted as the class; recall = TP/(TP+FN), 0 when the class has no true rows;
 * F1 = 2TP/(2TP+FP+FN), 0 when that denominator is 0.
 *
 * @param classes the class keys, in order (see {@link ClassOrder})
 * @param counts  square, one row and column per class; not copied (treat as read-only)
 */
public record ConfusionMatrix(List<String> classes, double[][] counts) {
    public ConfusionMatrix {
        classes = List.copyOf(classes);
        Objects.requireNonNull(counts, "counts");
        if (counts.length != classes.size()) {
            throw new IllegalArgumentException(counts.length + " rows for " + classes.size() + " classes");
        }
    }

    /** The number of classes. */
    public int size() {
        return classes.size();
    }

    /** The sum of all counts (the rows evaluated). */
    public double total() {
        double s = 0;
        for (double[] row : counts) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }

    /** Σ diagonal / total; NaN when the matrix is empty. */
    public double accuracy() {
        double t = total();
        double d = 0;
        for (int k = 0; k < size(); k++) {
            d += counts[k][k];
        }
        return t == 0 ? Double.NaN : d / t;
    }

    /** Rows whose true class is {@code k} (the support). */
    public double actual(int k) {
        double s = 0;
        for (double v : counts[k]) {
            s += v;
        }
        return s;
    }

    /** Rows predicted as class {@code k}. */
    public double predicted(int k) {
        double s = 0;
        for (double[] row : counts) {
            s += row[k];
        }
        return s;
    }

    /** TP/(TP+FP); 0 when nothing is predicted as {@code k}. */
    public double precision(int k) {
        double p = predicted(k);
        return p == 0 ? 0 : counts[k][k] / p;
    }

    /** TP/(TP+FN); 0 when {@code k} has no true rows. */
    public double recall(int k) {
        double a = actual(k);
        return a == 0 ? 0 : counts[k][k] / a;
    }

    /** 2TP/(2TP+FP+FN); 0 when the denominator is 0. */
    public double f1(int k) {
        double tp = counts[k][k];
        double d = predicted(k) + actual(k);
        return d == 0 ? 0 : 2 * tp / d;
    }

    /** The unweighted mean of precision over the classes; NaN without classes. */
    public double precisionMacro() {
        double s = 0;
        for (int k = 0; k < size(); k++) {
            s += precision(k);
        }
        return size() == 0 ? Double.NaN : s / size();
    }

    /** The unweighted mean of recall over the classes; NaN without classes. */
    public double recallMacro() {
        double s = 0;
        for (int k = 0; k < size(); k++) {
            s += recall(k);
        }
        return size() == 0 ? Double.NaN : s / size();
    }

    /** The unweighted mean of F1 over the classes; NaN without classes. */
    public double f1Macro() {
        double s = 0;
        for (int k = 0; k < size(); k++) {
            s += f1(k);
        }
        return size() == 0 ? Double.NaN : s / size();
    }

    /** Σ support·F1 / Σ support; 0 when the support is 0 (zero_division), NaN without classes. */
    public double f1Weighted() {
        double s = 0;
        double w = 0;
        for (int k = 0; k < size(); k++) {
            s += actual(k) * f1(k);
            w += actual(k);
        }
        return size() == 0 ? Double.NaN : w == 0 ? 0 : s / w;
    }
}
