package io.driftwatch.stats;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Reference ({@code feature_stats}) and window ({@code current_stats}) statistics of a {@link Frame}, DESIGN.md §5
 * and §6. Numeric: pandas {@code describe} (count, mean, sample std, min, 25/50/75% linear quantiles, max) plus a
 * histogram; categorical (strings, booleans): count, unique, top, freq plus a category histogram. Nulls and NaN
 * are excluded and counted in {@link DataProfile#excluded()}; ±Inf as described in {@link ExcludedValues}.
 *
 * <p>Columns are processed in parallel (common fork-join pool) when the frame has more than 100,000 cells.
 * Accuracy: bit-identical to pandas {@code describe} / {@code numpy.histogram} (tested against numpy output).
 * Memory: the frame is read, never copied; ~300 KB of working memory per numeric column in flight, one map entry
 * per distinct category. Speed, measured on this shared 2-core machine under load (load average ~12):
 * 1M × 50 doubles, reference 1.2–2.5 s, window 0.9–2.1 s (five linear passes per column, no sort).
 */
public final class Statistics {
    /** MLRun's {@code default_num_bins}. */
    public static final int DEFAULT_BINS = 20;
    /** Categories listed by name in a reference category histogram; the rest go to {@code __other__}. */
    public static final int DEFAULT_TOP_CATEGORIES = 20;
    private static final long PARALLEL_CELLS = 100_000;

    private Statistics() {
    }

    /** Reference statistics with 20 bins and the top 20 categories. */
    public static DataProfile reference(Frame frame) {
        return reference(frame, DEFAULT_BINS, DEFAULT_TOP_CATEGORIES);
    }

    /**
     * Reference statistics of every column.
     *
     * @throws IllegalArgumentException if {@code bins < 1} or {@code topCategories < 0}
     */
    public static DataProfile reference(Frame frame, int bins, int topCategories) {
        if (bins < 1 || topCategories < 0) {
            throw new IllegalArgumentException("bins must be >= 1 and topCategories >= 0, got " + bins + ", "
                    + topCategories);
        }
        List<String> names = frame.names();
        Out[] out = perColumn(frame, names, i -> switch (frame.columns().get(names.get(i))) {
            case NumericColumn n -> Out.of(NumericKernel.reference(n, bins));
            case CategoricalColumn c -> Out.of(CategoricalKernel.reference(c, topCategories), c);
        });
        return assemble(names, out, Map.of(), frame.rows());
    }

    /**
     * Window statistics on the reference: for each reference feature present in the frame, numeric histograms on
     * the reference's padded edges and category histograms on the reference's categories. Window columns not in
     * the reference and reference features not in the window (or of the other type) are listed in
     * {@link DataProfile#skipped()}.
     */
    public static DataProfile window(Frame frame, FeatureStats reference) {
        Map<String, SkipReason> skipped = new LinkedHashMap<>();
        for (String name : frame.names()) {
            if (reference.get(name).isEmpty()) {
                skipped.put(name, SkipReason.NOT_IN_REFERENCE);
            }
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, ColumnStats> e : reference.columns().entrySet()) {
            Column col = frame.columns().get(e.getKey());
            if (col == null) {
                skipped.put(e.getKey(), SkipReason.NOT_IN_WINDOW);
            } else if (col instanceof NumericColumn != e.getValue() instanceof NumericStats) {
                skipped.put(e.getKey(), SkipReason.TYPE_MISMATCH);
            } else {
                names.add(e.getKey());
            }
        }
        Out[] out = perColumn(frame, names, i -> windowColumn(frame.columns().get(names.get(i)),
                reference.columns().get(names.get(i))));
        return assemble(names, out, skipped, frame.rows());
    }

    private static Out windowColumn(Column column, ColumnStats reference) {
        return switch (column) {
            case NumericColumn n -> Out.of(NumericKernel.window(n, ((NumericStats) reference).hist()));
            case CategoricalColumn c -> Out.of(CategoricalKernel.window(c, (CategoricalStats) reference), c);
        };
    }

    /** One column's statistics and what they left out. */
    private record Out(ColumnStats stats, ExcludedValues excluded) {
        static Out of(NumericKernel.Described d) {
            return new Out(d.stats(), d.excluded());
        }

        static Out of(CategoricalStats s, CategoricalColumn c) {
            return new Out(s, new ExcludedValues(c.nullCount(), 0, 0, 0));
        }
    }

    private static Out[] perColumn(Frame frame, List<String> names, IntFunction<Out> work) {
        Out[] out = new Out[names.size()];
        IntStream range = IntStream.range(0, names.size());
        if ((long) frame.rows() * names.size() > PARALLEL_CELLS) {
            range = range.parallel();
        }
        range.forEach(i -> out[i] = work.apply(i));
        return out;
    }

    private static DataProfile assemble(List<String> names, Out[] out, Map<String, SkipReason> skipped, long rows) {
        Map<String, ColumnStats> stats = new LinkedHashMap<>();
        Map<String, ExcludedValues> excluded = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            stats.put(names.get(i), out[i].stats());
            excluded.put(names.get(i), out[i].excluded());
        }
        return new DataProfile(FeatureStats.of(stats), excluded, skipped, rows);
    }
}
