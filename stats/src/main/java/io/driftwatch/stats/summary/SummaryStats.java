package io.driftwatch.stats.summary;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.drift.BinnedSample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantilesDoublesSketchIteratorAPI;

/**
 * What the drift apps need of a window, taken from its {@link WindowSummary} instead of its rows.
 *
 * <p>{@link #windowStats} is the window's {@code current_stats} on the reference, as
 * {@code Statistics.window(frame, reference).stats()} computes it from the rows: the same columns (reference features
 * present in the window with the reference's type), the same histograms bit for bit (so MLRun's TVD, Hellinger and
 * KLD are equal), count, min, max exact; mean and std from the moments (to ~1e-15 relative); the 25/50/75 %
 * quantiles numpy's "linear" ones while the KLL sketch is exact (fewer than {@value ColumnSummary#KLL_K} values),
 * else the sketch's (normalized rank error ≤ 1.33 %); categorical unique/top/freq from the frequent items (exact up
 * to 96 distinct values). Empty when the summary cannot stand in for the rows: a reference column whose window values
 * mix numbers and non-numbers, or whose summary was binned on other edges or categories (the reference changed).
 */
public final class SummaryStats {
    private static final double[] QUARTILES = {0.25, 0.5, 0.75};

    private SummaryStats() {
    }

    /** The window statistics on {@code reference} (padded or not), or empty when the rows are needed. */
    public static Optional<FeatureStats> windowStats(WindowSummary summary, FeatureStats reference) {
        return windowStats(summary, reference, true);
    }

    /**
     * {@link #windowStats} without the 25/50/75 % quantiles (NaN): everything histogram drift and the binned drift
     * tests need, without building the KLL sketches of a decoded summary (drift over a range of many cells).
     */
    public static Optional<FeatureStats> driftStats(WindowSummary summary, FeatureStats reference) {
        return windowStats(summary, reference, false);
    }

    private static Optional<FeatureStats> windowStats(WindowSummary summary, FeatureStats reference,
                                                      boolean quantiles) {
        Map<String, ColumnStats> out = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnStats> e : reference.columns().entrySet()) {
            Optional<ColumnSummary> c = summary.column(e.getKey());
            if (c.isEmpty()) {
                continue;
            }
            if (!compatible(c.get(), e.getValue())) {
                return Optional.empty();
            }
            ColumnStats s = stats(c.get(), e.getValue(), quantiles);
            if (s != null) {
                out.put(e.getKey(), s);
            }
        }
        return Optional.of(FeatureStats.of(out));
    }

    /**
     * Whether the column's summary gives exactly what its rows would for this reference column: no mixed kinds, and
     * a histogram on the reference's padded edges (numeric) or counts on its categories (categorical) when the kinds
     * agree.
     */
    public static boolean compatible(ColumnSummary c, ColumnStats reference) {
        return switch (c.kind()) {
            case MIXED -> false;
            case NUMERIC -> !(reference instanceof NumericStats n) || c.histogram()
                    .map(h -> Arrays.equals(h.edges(), Histograms.pad(n.hist()).edges())).orElse(false);
            case CATEGORICAL -> !(reference instanceof CategoricalStats cs) || c.categories()
                    .map(m -> List.copyOf(m.keySet()).equals(DefaultColumnSummary.categoriesOf(cs))).orElse(false);
        };
    }

    /** The column's statistics, or null when its kind differs from the reference's (the raw path skips it too). */
    private static ColumnStats stats(ColumnSummary c, ColumnStats reference, boolean quantiles) {
        if (reference instanceof NumericStats && c.kind() == ColumnSummary.Kind.NUMERIC) {
            return numeric(c, quantiles);
        }
        if (reference instanceof CategoricalStats && c.kind() == ColumnSummary.Kind.CATEGORICAL) {
            return categorical(c);
        }
        return null;
    }

    private static NumericStats numeric(ColumnSummary c, boolean quantiles) {
        Histogram hist = c.histogram().orElseThrow();
        long count = c.finite() + c.positiveInfinities() + c.negativeInfinities();
        double std = Math.sqrt(c.variance());
        double[] q = quantiles ? quartiles(c) : new double[] {Double.NaN, Double.NaN, Double.NaN};
        return new NumericStats(count, c.mean(), std, c.min(), q[0], q[1], q[2], c.max(), hist);
    }

    /** numpy's linear quartiles while the sketch holds every value, else the sketch's quantiles. */
    private static double[] quartiles(ColumnSummary c) {
        double[] q = new double[QUARTILES.length];
        KllDoublesSketch kll = ((DefaultColumnSummary) c).kll();
        if (kll == null || kll.isEmpty()) {
            Arrays.fill(q, Double.NaN);
            return q;
        }
        if (kll.isEstimationMode()) {
            for (int i = 0; i < q.length; i++) {
                q[i] = c.quantile(QUARTILES[i]);
            }
            return q;
        }
        double[] sorted = new double[(int) kll.getN()];
        QuantilesDoublesSketchIteratorAPI it = kll.iterator();
        int k = 0;
        while (it.next()) {
            sorted[k++] = it.getQuantile();
        }
        Arrays.sort(sorted);
        for (int i = 0; i < q.length; i++) {
            q[i] = linear(sorted, QUARTILES[i]);
        }
        return q;
    }

    /** numpy's 'linear' quantile of sorted data with its two-sided lerp. */
    static double linear(double[] sorted, double p) {
        double virtual = (sorted.length - 1) * p;
        int lo = (int) Math.floor(virtual);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double t = virtual - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static CategoricalStats categorical(ColumnSummary c) {
        List<Map.Entry<String, Long>> items = c.frequentItems();
        String top = items.isEmpty() ? null : items.getFirst().getKey();
        long freq = items.isEmpty() ? 0 : items.getFirst().getValue();
        return new CategoricalStats(c.others(), items.size(), top, freq, c.categories().orElseThrow());
    }

    /**
     * The column as the {@code drift-tests} app's numeric tests see it (see {@link BinnedSample}), or empty when the
     * summary has no histogram on these edges or the column is not numeric.
     *
     * @param rows the window's row count (rows without a finite value are the tests' excluded values)
     */
    public static Optional<BinnedSample> binned(ColumnSummary c, Histogram paddedReference, long rows) {
        Optional<Histogram> h = c.histogram();
        if (c.kind() != ColumnSummary.Kind.NUMERIC || h.isEmpty()
                || !Arrays.equals(h.get().edges(), paddedReference.edges())) {
            return Optional.empty();
        }
        long[] counts = new long[h.get().bins()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.round(h.get().count(i));
        }
        counts[0] -= c.negativeInfinities();
        counts[counts.length - 1] -= c.positiveInfinities();
        return Optional.of(new BinnedSample(counts, c.underflowSum(), c.overflowSum(), rows - c.finite()));
    }
}
