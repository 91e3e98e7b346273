package io.driftwatch.stats.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: a window's rows split at random into parts, summarised per part and merged in a random order (and
 * tree shape), give the summary of the whole window — exact fields equal, moments to 1e-12 (mean, variance) and 1e-9
 * (M3, M4) relative, KLL quantiles within twice the sketch's stated single-sided rank error (the bound holds at 99 %
 * per query; KLL's compaction is randomised, so the merged sketch is not byte-identical), frequent items equal while
 * exact. 60 trials with fixed seeds.
 */
class SummaryMergeTest {

    @Test
    void mergingRandomSplitsGivesTheWholeWindowsSummary() {
        for (int trial = 0; trial < 60; trial++) {
            Random r = new Random(7919L * trial);
            FeatureStats reference = SummaryData.reference(trial, 300);
            int rows = 1 + r.nextInt(trial % 4 == 0 ? 20_000 : 600);
            List<Map<String, Object>> window = SummaryData.window(trial, rows, r.nextDouble() * 2);
            WindowSummary whole = SummaryData.summarize(window, reference);
            WindowSummary merged = mergeRandomly(split(window, r), reference, r);
            assertSame(whole, merged, window, "trial " + trial);
        }
    }

    @Test
    void mergeIsAssociativeAndCommutativeOnExactFields() {
        Random r = new Random(42);
        FeatureStats reference = SummaryData.reference(3, 300);
        List<List<Map<String, Object>>> parts = split(SummaryData.window(3, 3000, 0.5), r);
        while (parts.size() < 3) {
            parts.add(List.of());
        }
        WindowSummary a = SummaryData.summarize(parts.get(0), reference);
        WindowSummary b = SummaryData.summarize(parts.get(1), reference);
        WindowSummary c = SummaryData.summarize(parts.get(2), reference);
        WindowSummary left = a.copy();
        left.merge(b);
        left.merge(c);
        WindowSummary bc = b.copy();
        bc.merge(c);
        WindowSummary right = bc.copy();
        right.merge(a);
        for (String col : left.columnNames()) {
            assertThat(exact(right.column(col).orElseThrow())).as(col)
                    .isEqualTo(exact(left.column(col).orElseThrow()));
        }
        assertThat(right.rows()).isEqualTo(left.rows());
    }

    static List<List<Map<String, Object>>> split(List<Map<String, Object>> rows, Random r) {
        int parts = 1 + r.nextInt(8);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < parts - 1; i++) {
            cuts.add(r.nextInt(rows.size() + 1));
        }
        Collections.sort(cuts);
        List<List<Map<String, Object>>> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.add(rows.subList(from, cut));
            from = cut;
        }
        out.add(rows.subList(from, rows.size()));
        return out;
    }

    private static WindowSummary mergeRandomly(List<List<Map<String, Object>>> parts, FeatureStats reference,
                                               Random r) {
        List<WindowSummary> pool = new ArrayList<>();
        for (List<Map<String, Object>> p : parts) {
            pool.add(SummaryData.summarize(p, reference));
        }
        while (pool.size() > 1) {
            WindowSummary a = pool.remove(r.nextInt(pool.size()));
            WindowSummary b = pool.remove(r.nextInt(pool.size()));
            if (r.nextBoolean()) {
                b = WindowSummary.fromByteArray(b.toByteArray()); // through the serialized form
            }
            a.merge(b);
            pool.add(a);
        }
        return pool.getFirst();
    }

    static void assertSame(WindowSummary whole, WindowSummary merged, List<Map<String, Object>> rows,
                                   String what) {
        assertThat(merged.rows()).as(what).isEqualTo(whole.rows());
        assertThat(merged.columnNames()).as(what).containsExactlyInAnyOrderElementsOf(whole.columnNames());
        for (String col : whole.columnNames()) {
            ColumnSummary w = whole.column(col).orElseThrow();
            ColumnSummary m = merged.column(col).orElseThrow();
            String as = what + " column " + col;
            assertThat(exact(m)).as(as).isEqualTo(exact(w));
            assertThat(SummaryEquivalenceTest.relative(m.mean(), w.mean())).as(as).isLessThan(1e-12);
            assertThat(SummaryEquivalenceTest.relative(m.variance(), w.variance())).as(as).isLessThan(1e-12);
            for (int k = 0; k < 2; k++) {
                double var = w.finite() < 2 ? 0 : w.variance();
                double scale = Math.max(Math.abs(w.higherMoments()[k]), Math.pow(var, 1.5 + k / 2.0) * w.finite());
                assertThat(Math.abs(m.higherMoments()[k] - w.higherMoments()[k])).as(as + " M" + (k + 3))
                        .isLessThanOrEqualTo(1e-9 * scale + 1e-300);
            }
            assertQuantiles(m, values(rows, col), as);
            if (w.itemsExact()) {
                assertThat(m.frequentItems()).as(as).containsExactlyInAnyOrderElementsOf(w.frequentItems());
            }
        }
    }

    /** The merged sketch's quantiles have true ranks within 2 × the stated rank error. */
    private static void assertQuantiles(ColumnSummary m, double[] sorted, String as) {
        if (sorted.length == 0) {
            assertThat(m.quantile(0.5)).as(as).isNaN();
            return;
        }
        double bound = 2 * m.rankError() + 1e-12;
        for (double q = 0.1; q < 0.95; q += 0.1) {
            double v = m.quantile(q);
            int lo = lowerIndex(sorted, v);
            int hi = upperIndex(sorted, v);
            double rankLo = lo / (double) sorted.length;
            double rankHi = hi / (double) sorted.length;
            assertThat(q >= rankLo - bound && q <= rankHi + bound).as(as + " q=" + q + " v=" + v + " ranks ["
                    + rankLo + ", " + rankHi + "] bound " + bound).isTrue();
        }
    }

    private static int lowerIndex(double[] a, double v) {
        int i = Arrays.binarySearch(a, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && a[i - 1] == v) {
            i--;
        }
        return i;
    }

    private static int upperIndex(double[] a, double v) {
        int i = Arrays.binarySearch(a, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i < a.length - 1 && a[i + 1] == v) {
            i++;
        }
        return i + 1;
    }

    private static double[] values(List<Map<String, Object>> rows, String col) {
        return rows.stream().map(r -> r.get(col)).filter(v -> v instanceof Double d && Double.isFinite(d))
                .mapToDouble(v -> (Double) v).sorted().toArray();
    }

    /** The fields that must merge exactly. */
    static List<Object> exact(ColumnSummary c) {
        return List.of(c.nulls(), c.numbers(), c.others(), c.nans(), c.positiveInfinities(), c.negativeInfinities(),
                c.finite(), String.valueOf(c.min()), String.valueOf(c.max()), c.kind(),
                c.histogram().map(Object::toString).orElse("-"), c.categories().map(Object::toString).orElse("-"),
                c.underflowSum() == 0 ? 0.0 : Math.signum(c.underflowSum()));
    }
}
