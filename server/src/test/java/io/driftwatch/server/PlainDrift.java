package io.driftwatch.server;

/**
 * DESIGN.md §6 with plain arithmetic, independent of the stats module: 20 equal-width reference bins over
 * [min, max], padded with an open bin on each side; a value equal to the max falls in the last real bin.
 */
final class PlainDrift {
    private PlainDrift() {
    }

    /** {tvd, hellinger, kld} of the sample against the reference column. */
    static double[] measures(double[] reference, double[] sample) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : reference) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = new double[21];
        double step = (max - min) / 20;
        for (int i = 0; i <= 20; i++) {
            edges[i] = min + i * step;
        }
        edges[20] = max;
        double[] u = hist(reference, edges);
        double[] t = hist(sample, edges);
        double tvd = 0;
        double bc = 0;
        double kld = 0;
        for (int i = 0; i < u.length; i++) {
            tvd += Math.abs(t[i] - u[i]) / 2;
            bc += Math.sqrt(t[i] * u[i]);
            if (t[i] > 0) {
                kld += t[i] * Math.log(t[i] / (u[i] == 0 ? 1e-4 : u[i]));
            }
            if (u[i] > 0) {
                kld += u[i] * Math.log(u[i] / (t[i] == 0 ? 1e-4 : t[i]));
            }
        }
        return new double[] {tvd, Math.sqrt(Math.max(1 - bc, 0)), kld};
    }

    /** Probabilities over the 22 padded bins. */
    private static double[] hist(double[] values, double[] edges) {
        double[] p = new double[22];
        for (double v : values) {
            int bin;
            if (v < edges[0]) {
                bin = 0;
            } else if (v > edges[20]) {
                bin = 21;
            } else {
                int i = 0;
                while (i < 19 && v >= edges[i + 1]) {
                    i++;
                }
                bin = i + 1;
            }
            p[bin] += 1.0 / values.length;
        }
        return p;
    }
}
