package io.driftwatch.stats;

import java.util.Arrays;

/**
 * Exact quantiles (numpy "linear", pandas {@code describe}) of the finite values of an array without sorting it:
 * a counting pass over 65,536 equal-width buckets between min and max (bucketing is monotone, so ranks are kept),
 * then a gather pass that copies only the few buckets holding the needed order statistics, which are sorted.
 * Speed: two linear passes, ~3–5 ms per 1M values (a full sort takes ~80 ms). When the needed buckets hold more
 * than an eighth of the values (extreme outliers squeeze the data into one bucket), it falls back to
 * {@link Select quickselect} on a copy. Memory: 256 KB of counts plus the gathered buckets.
 */
final class Quantiles {
    private static final int BUCKETS = 1 << 16;
    private static final int SMALL = 4096;

    private Quantiles() {
    }

    /**
     * The quantiles {@code qs} (ascending) of the {@code n} finite values in {@code a} (other entries skipped),
     * whose minimum and maximum are given. {@code a} is not modified. Requires n ≥ 1.
     */
    static double[] of(double[] a, int n, double min, double max, double... qs) {
        double scale = BUCKETS / (max - min);
        if (n < SMALL || !(max > min) || !Double.isFinite(scale) || !Double.isFinite(max - min)) {
            return Select.quantiles(finiteCopy(a, n), n, qs);
        }
        int[] counts = new int[BUCKETS];
        for (double v : a) {
            if (v - v == 0) {
                counts[bucket(v, min, scale)]++;
            }
        }
        int[] ranks = new int[qs.length * 2];
        for (int i = 0; i < qs.length; i++) {
            int lo = (int) Math.floor(qs[i] * (n - 1));
            ranks[2 * i] = lo;
            ranks[2 * i + 1] = Math.min(lo + 1, n - 1);
        }
        double[] values = gatherRanks(a, counts, ranks, n, min, scale);
        if (values == null) {
            return Select.quantiles(finiteCopy(a, n), n, qs);
        }
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            double pos = qs[i] * (n - 1);
            out[i] = Select.lerp(values[2 * i], values[2 * i + 1], pos - Math.floor(pos));
        }
        return out;
    }

    private static int bucket(double v, double min, double scale) {
        return Math.min(BUCKETS - 1, (int) ((v - min) * scale));
    }

    /** The values at the given ranks, or null if the buckets to gather are too large. */
    private static double[] gatherRanks(double[] a, int[] counts, int[] ranks, int n, double min, double scale) {
        int[] bucketOf = new int[ranks.length];
        int[] startOf = new int[ranks.length];
        int[] sizeOf = new int[ranks.length];
        long gathered = 0;
        int bucket = 0;
        int start = 0;
        for (int r = 0; r < ranks.length; r++) {
            while (start + counts[bucket] <= ranks[r]) {
                start += counts[bucket++];
            }
            bucketOf[r] = bucket;
            startOf[r] = start;
            sizeOf[r] = counts[bucket];
            if (r == 0 || bucketOf[r - 1] != bucket) {
                gathered += counts[bucket];
            }
        }
        if (gathered > n / 8) {
            return null;
        }
        double[][] slots = new double[ranks.length][];
        int[] fill = new int[ranks.length];
        int[] slotOf = counts;
        Arrays.fill(slotOf, -1);
        for (int r = ranks.length - 1; r >= 0; r--) {
            slotOf[bucketOf[r]] = r;
        }
        for (int r = 0; r < ranks.length; r++) {
            if (slotOf[bucketOf[r]] == r) {
                slots[r] = new double[sizeOf[r]];
            }
        }
        for (double v : a) {
            if (v - v == 0) {
                int s = slotOf[bucket(v, min, scale)];
                if (s >= 0) {
                    slots[s][fill[s]++] = v;
                }
            }
        }
        double[] out = new double[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            int s = slotOf[bucketOf[r]];
            if (s == r) {
                Arrays.sort(slots[s]);
            }
            out[r] = slots[s][ranks[r] - startOf[r]];
        }
        return out;
    }

    private static double[] finiteCopy(double[] a, int n) {
        double[] c = new double[n];
        int k = 0;
        for (double v : a) {
            if (v - v == 0) {
                c[k++] = v;
            }
        }
        return c;
    }
}
