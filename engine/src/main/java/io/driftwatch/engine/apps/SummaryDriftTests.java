package io.driftwatch.engine.apps;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.drift.BinnedSample;
import io.driftwatch.stats.drift.CategoricalDriftTest;
import io.driftwatch.stats.drift.NumericDriftTest;
import io.driftwatch.stats.summary.ColumnSummary;
import io.driftwatch.stats.summary.SummaryStats;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests of {@link DriftTestsApp} on a window's summary instead of its rows, with the same results: numeric
 * features from the counts per reference bin and the out-of-range sums, categorical features from the counts on the
 * reference's categories (or, for a reference without {@code __other__}, the exact frequent items). Empty — the app
 * then reads the rows — when a tested column cannot be taken from the summary (mixed kinds, other bins, a numeric
 * column against a categorical reference or the reverse, more distinct categories than the sketch counts exactly).
 */
final class SummaryDriftTests {
    private SummaryDriftTests() {
    }

    static Optional<List<FeatureTests>> run(FeatureStats reference, WindowSummary summary,
                                            List<NumericDriftTest> numeric, List<CategoricalDriftTest> categorical) {
        List<FeatureTests> out = new ArrayList<>();
        for (Map.Entry<String, ColumnStats> e : reference.columns().entrySet()) {
            Optional<ColumnSummary> c = summary.column(e.getKey());
            if (c.isEmpty()) {
                continue;
            }
            if (e.getValue() instanceof NumericStats n && n.count() > 0) {
                Optional<BinnedSample> b = c.get().kind() == ColumnSummary.Kind.NUMERIC
                        ? SummaryStats.binned(c.get(), Histograms.pad(n.hist()), summary.rows()) : Optional.empty();
                if (b.isEmpty()) {
                    return Optional.empty();
                }
                out.add(FeatureTests.numeric(e.getKey(), n, b.get(), numeric));
            } else if (e.getValue() instanceof CategoricalStats cs && !cs.categories().isEmpty()) {
                Optional<Map<String, Long>> counts = counts(c.get(), cs);
                if (counts.isEmpty()) {
                    return Optional.empty();
                }
                out.add(FeatureTests.categorical(e.getKey(), cs, counts.get(), categorical));
            }
        }
        return Optional.of(out);
    }

    /** The window's category counts as {@link FeatureTests#categorical} maps values, if the summary has them. */
    private static Optional<Map<String, Long>> counts(ColumnSummary c, CategoricalStats reference) {
        if (c.numbers() > 0) {
            return Optional.empty();
        }
        if (c.others() == 0) {
            return Optional.of(Map.of());
        }
        Map<String, Long> out = new LinkedHashMap<>();
        if (reference.categories().containsKey(CategoricalStats.OTHER)) {
            if (!SummaryStats.compatible(c, reference)) {
                return Optional.empty();
            }
            c.categories().orElseThrow().forEach((k, n) -> {
                if (n > 0) {
                    out.put(k, n);
                }
            });
            return Optional.of(out);
        }
        if (!c.itemsExact()) {
            return Optional.empty();
        }
        c.frequentItems().forEach(i -> out.put(i.getKey(), i.getValue()));
        return Optional.of(out);
    }
}
