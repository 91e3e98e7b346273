package io.driftwatch.stats;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.ResultStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * MLRun's histogram data drift (DESIGN.md §6), for the default app {@code histogram-data-drift}: per feature of the
 * reference, TVD, Hellinger and symmetric KLD between the window's and the reference's histograms (numeric: the
 * reference's padded 22 bins; categorical: the reference's categories + {@code __other__}), each normalised by its
 * non-null {@code count}; then {@code tvd_mean}, {@code hellinger_mean}, {@code kld_mean},
 * {@code general_drift = (tvd_mean + hellinger_mean) / 2} and its status by {@link DriftThresholds}.
 *
 * <p>Features that cannot be compared are listed in {@link DriftReport#skipped()} with a {@link SkipReason} and are
 * left out of the means. A window with no comparable feature (no rows, all null, ...) gives status
 * {@link ResultStatus#IRRELEVANT}, NaN means and no result ({@link DriftReport#result()} empty), never 0.
 *
 * <p>Speed: from pre-binned statistics ~1 µs per feature; from a frame, dominated by {@link Statistics#window}.
 * Thread-safe and stateless apart from the thresholds.
 */
public final class HistogramDrift {
    private final DriftThresholds thresholds;

    private HistogramDrift(DriftThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** With MLRun's thresholds 0.5 / 0.7. */
    public static HistogramDrift create() {
        return new HistogramDrift(DriftThresholds.DEFAULT);
    }

    public static HistogramDrift create(DriftThresholds thresholds) {
        return new HistogramDrift(Objects.requireNonNull(thresholds, "thresholds"));
    }

    public DriftThresholds thresholds() {
        return thresholds;
    }

    /** Window statistics of {@code window} on {@code reference} (padded or not), then the drift. */
    public DriftReport compare(FeatureStats reference, Frame window) {
        return compare(reference, Statistics.window(window, reference));
    }

    /** The drift of a window already profiled by {@link Statistics#window}. */
    public DriftReport compare(FeatureStats reference, DataProfile window) {
        Map<String, SkipReason> skipped = new LinkedHashMap<>(window.skipped());
        return measure(reference, window.stats(), skipped, window.rows());
    }

    /**
     * The drift from pre-binned window statistics ({@code current_stats}: numeric histograms on the reference's
     * padded edges, categories on the reference's categories). Reference features absent here are
     * {@link SkipReason#NOT_IN_WINDOW}; window features absent from the reference {@link SkipReason#NOT_IN_REFERENCE}.
     * {@link DriftReport#rows()} is then the largest window count (the rows are not known).
     */
    public DriftReport compare(FeatureStats reference, FeatureStats window) {
        Map<String, SkipReason> skipped = new LinkedHashMap<>();
        long rows = 0;
        for (Map.Entry<String, ColumnStats> e : window.columns().entrySet()) {
            rows = Math.max(rows, e.getValue().count());
            if (reference.get(e.getKey()).isEmpty()) {
                skipped.put(e.getKey(), SkipReason.NOT_IN_REFERENCE);
            }
        }
        return measure(reference, window, skipped, rows);
    }

    private DriftReport measure(FeatureStats reference, FeatureStats window, Map<String, SkipReason> skipped,
                                long rows) {
        Map<String, FeatureDrift> features = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnStats> e : reference.columns().entrySet()) {
            String name = e.getKey();
            if (skipped.containsKey(name)) {
                continue;
            }
            ColumnStats w = window.columns().get(name);
            Object m = w == null ? SkipReason.NOT_IN_WINDOW : measure(e.getValue(), w);
            if (m instanceof FeatureDrift d) {
                features.put(name, d);
            } else {
                skipped.put(name, (SkipReason) m);
            }
        }
        return DriftReport.of(features, thresholds, window, skipped, rows);
    }

    /** A {@link FeatureDrift}, or the {@link SkipReason} why there is none. */
    static Object measure(ColumnStats reference, ColumnStats window) {
        return switch (reference) {
            case NumericStats r when window instanceof NumericStats w -> numeric(r, w);
            case CategoricalStats r when window instanceof CategoricalStats w -> categorical(r, w);
            default -> SkipReason.TYPE_MISMATCH;
        };
    }

    private static Object numeric(NumericStats reference, NumericStats window) {
        Histogram ref = Histograms.pad(reference.hist());
        if (reference.count() <= 0 || ref.total() <= 0) {
            return SkipReason.EMPTY_REFERENCE;
        }
        Histogram win = window.hist();
        if (win.bins() != ref.bins()) {
            return SkipReason.BINS_MISMATCH;
        }
        if (window.count() <= 0 || win.total() <= 0) {
            return SkipReason.NO_VALUES_IN_WINDOW;
        }
        double[] u = ref.counts();
        double[] t = win.counts();
        scale(u, reference.count());
        scale(t, window.count());
        return of(t, u, false);
    }

    private static Object categorical(CategoricalStats reference, CategoricalStats window) {
        if (reference.count() <= 0) {
            return SkipReason.EMPTY_REFERENCE;
        }
        if (window.count() <= 0) {
            return SkipReason.NO_VALUES_IN_WINDOW;
        }
        Map<String, Long> ref = new LinkedHashMap<>(reference.categories());
        ref.putIfAbsent(CategoricalStats.OTHER, 0L);
        Map<String, Long> win = new LinkedHashMap<>();
        for (String k : ref.keySet()) {
            win.put(k, 0L);
        }
        window.categories().forEach((k, c) -> win.merge(ref.containsKey(k) ? k : CategoricalStats.OTHER, c, Long::sum));
        double[] u = new double[ref.size()];
        double[] t = new double[ref.size()];
        int i = 0;
        for (String k : ref.keySet()) {
            u[i] = ref.get(k) / (double) reference.count();
            t[i++] = win.get(k) / (double) window.count();
        }
        return of(t, u, true);
    }

    private static void scale(double[] a, long count) {
        for (int i = 0; i < a.length; i++) {
            a[i] /= count;
        }
    }

    private static FeatureDrift of(double[] t, double[] u, boolean categorical) {
        return new FeatureDrift(Distances.tvd(t, u), Distances.hellinger(t, u), Distances.kld(t, u), categorical);
    }
}
