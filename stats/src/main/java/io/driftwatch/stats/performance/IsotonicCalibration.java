package io.driftwatch.stats.performance;

import java.util.Arrays;

/** Pool-adjacent-violators isotonic regression with linear interpolation (see {@link Calibration#isotonic}). */
final class IsotonicCalibration implements Calibration {
    private final double[] x;
    private final double[] y;

    private IsotonicCalibration(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    static IsotonicCalibration fit(double[] scores, double[] outcomes) {
        if (scores.length != outcomes.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + outcomes.length + " outcomes");
        }
        int[] order = finiteOrder(scores);
        if (order.length == 0) {
            throw new IllegalArgumentException("isotonic calibration needs at least one finite score");
        }
        double[] ux = new double[order.length];
        double[] sum = new double[order.length];
        double[] w = new double[order.length];
        int u = -1;
        for (int i : order) {
            if (u < 0 || scores[i] != ux[u]) {
                ux[++u] = scores[i];
            }
            sum[u] += outcomes[i];
            w[u]++;
        }
        int m = u + 1;
        return new IsotonicCalibration(Arrays.copyOf(ux, m), pav(sum, w, m));
    }

    private static int[] finiteOrder(double[] scores) {
        return java.util.Arrays.stream(RocAuc.order(scores)).filter(i -> Double.isFinite(scores[i])).toArray();
    }

    /** Pool adjacent violators over m points (value = sum / weight), returns the fitted value of each point. */
    private static double[] pav(double[] sum, double[] w, int m) {
        double[] bs = new double[m];
        double[] bw = new double[m];
        int[] bn = new int[m];
        int blocks = 0;
        for (int i = 0; i < m; i++) {
            bs[blocks] = sum[i];
            bw[blocks] = w[i];
            bn[blocks] = 1;
            blocks++;
            while (blocks > 1 && bs[blocks - 2] / bw[blocks - 2] >= bs[blocks - 1] / bw[blocks - 1]) {
                bs[blocks - 2] += bs[blocks - 1];
                bw[blocks - 2] += bw[blocks - 1];
                bn[blocks - 2] += bn[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[m];
        int at = 0;
        for (int b = 0; b < blocks; b++) {
            double v = Math.min(1, Math.max(0, bs[b] / bw[b]));
            for (int k = 0; k < bn[b]; k++) {
                out[at++] = v;
            }
        }
        return out;
    }

    @Override
    public double apply(double p) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        if (p <= x[0]) {
            return y[0];
        }
        if (p >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int i = Arrays.binarySearch(x, p);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        return y[lo] + (y[hi] - y[lo]) * (p - x[lo]) / (x[hi] - x[lo]);
    }
}
