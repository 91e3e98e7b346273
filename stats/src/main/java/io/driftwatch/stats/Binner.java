package io.driftwatch.stats;

import io.driftwatch.Histogram;

/**
 * Assigns values to the bins of a padded histogram: bin 0 is (−∞, e0), bins 1..m are the m real bins
 * [e(i−1), e(i)) with the last real bin closed [e(m−1), e(m)], bin m+1 is (e(m), +∞]. O(1) on equal-width edges:
 * direct index plus a correction walk against the real edges (any ascending edges stay correct, just slower).
 */
final class Binner {
    private final double[] real;
    private final int m;
    private final double first;
    private final double scale;

    Binner(Histogram padded) {
        int bins = padded.bins();
        this.m = bins - 2;
        this.real = new double[m + 1];
        for (int i = 0; i <= m; i++) {
            real[i] = padded.edge(i + 1);
        }
        this.first = real[0];
        double width = real[m] - real[0];
        this.scale = width > 0 && Double.isFinite(width) ? m / width : 0;
    }

    /** The padded bin of a non-NaN value. */
    int bin(double v) {
        if (v < first) {
            return 0;
        }
        if (v > real[m]) {
            return m + 1;
        }
        int idx = (int) ((v - first) * scale);
        if (idx >= m) {
            idx = m - 1;
        }
        while (idx > 0 && v < real[idx]) {
            idx--;
        }
        while (idx < m - 1 && v >= real[idx + 1]) {
            idx++;
        }
        return idx + 1;
    }
}
