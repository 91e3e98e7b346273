package io.driftwatch.stats.performance;

/**
 * The area under the ROC curve of scores with (possibly fractional) positive weights: the weighted Mann–Whitney
 * statistic, ties between a positive and a negative counted one half. With 0/1 weights this equals
 * scikit-learn's trapezoidal {@code roc_auc_score}; with expected weights (p, 1 − p) it is the area under
 * NannyML's expected ROC curve. O(n log n).
 */
final class RocAuc {
    private RocAuc() {
    }

    /**
     * @param scores    the ranking scores (NaN not allowed)
     * @param positives each row's weight as a positive, in [0, 1]; its weight as a negative is 1 − that
     * @return NaN when the total positive or negative weight is 0 (AUC undefined)
     */
    static double auc(double[] scores, double[] positives) {
        int n = scores.length;
        int[] order = order(scores);
        double negBelow = 0;
        double area = 0;
        double pos = 0;
        double neg = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            double tiePos = 0;
            double tieNeg = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                tiePos += positives[order[j]];
                tieNeg += 1 - positives[order[j]];
                j++;
            }
            area += tiePos * (negBelow + tieNeg / 2);
            negBelow += tieNeg;
            pos += tiePos;
            neg += tieNeg;
            i = j;
        }
        return pos == 0 || neg == 0 ? Double.NaN : area / (pos * neg);
    }

    /** The indices of {@code keys} in ascending key order (stable merge sort on primitives: no boxing). */
    static int[] order(double[] keys) {
        int n = keys.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(keys, a, b, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static void merge(double[] keys, int[] from, int[] to, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || Double.compare(keys[from[i]], keys[from[j]]) <= 0)) {
                to[k] = from[i++];
            } else {
                to[k] = from[j++];
            }
        }
    }

    /**
     * One-vs-rest macro AUC over the probability columns (scikit-learn's {@code multi_class="ovr",
     * average="macro"}); for two classes the AUC of the second (positive) class's column, as scikit-learn's binary
     * case. NaN when any class's AUC is undefined (scikit-learn 1.9 returns nan there too).
     *
     * @param weights {@code weights[i][k]} = row i's weight as a positive of class k
     */
    static double ovr(double[][] proba, double[][] weights, int classes) {
        if (classes == 2) {
            return auc(column(proba, 1), column(weights, 1));
        }
        double s = 0;
        for (int k = 0; k < classes; k++) {
            s += auc(column(proba, k), column(weights, k));
        }
        return s / classes;
    }

    static double[] column(double[][] m, int k) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][k];
        }
        return out;
    }
}
