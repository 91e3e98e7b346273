package io.driftwatch.stats.drift;

import java.util.Arrays;

/**
 * Bins derived from a reference sample, used by PSI and Jensen–Shannon on numeric features.
 * Cut points are the distinct values of {min, 9 deciles, max} of the reference (deciles as
 * {@code numpy.quantile(method='linear')}, Hyndman–Fan type 7); bins are
 * {@code (-inf, c0), [c0, c1), ..., [c(k-1), ck], (ck, +inf)}: at most 10 reference bins plus one
 * open bin on each side for values outside the reference range (empty in the reference by
 * construction). A constant reference v gives {@code (-inf, v), [v, v], (v, +inf)}.
 */
final class ReferenceBins {
    private final double[] cuts;
    private final int inner;

    private ReferenceBins(double[] cuts) {
        this.cuts = cuts;
        this.inner = Math.max(cuts.length - 1, 1);
    }

    /** Bins from a non-empty, ascending, finite reference. */
    static ReferenceBins of(double[] sortedReference) {
        double[] raw = new double[11];
        raw[0] = sortedReference[0];
        for (int i = 1; i <= 9; i++) {
            raw[i] = quantile(sortedReference, i / 10.0);
        }
        raw[10] = sortedReference[sortedReference.length - 1];
        int k = 0;
        for (double v : raw) {
            if (k == 0 || v > raw[k - 1]) {
                raw[k++] = v;
            }
        }
        return new ReferenceBins(Arrays.copyOf(raw, k));
    }

    /** numpy's 'linear' quantile of sorted data, including its two-sided lerp. */
    static double quantile(double[] sorted, double q) {
        double virtual = (sorted.length - 1) * q;
        if (virtual >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        int lo = (int) Math.floor(virtual);
        double t = virtual - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    int binCount() {
        return inner + 2;
    }

    int bin(double x) {
        if (x < cuts[0]) {
            return 0;
        }
        if (x > cuts[cuts.length - 1]) {
            return inner + 1;
        }
        int lo = 0;
        int hi = cuts.length; // first index with cuts[i] > x
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.min(lo, inner);
    }

    /** The fraction of {@code values} (non-empty, finite) in each bin. */
    double[] fractions(double[] values) {
        double[] f = new double[binCount()];
        for (double v : values) {
            f[bin(v)]++;
        }
        for (int i = 0; i < f.length; i++) {
            f[i] /= values.length;
        }
        return f;
    }
}
