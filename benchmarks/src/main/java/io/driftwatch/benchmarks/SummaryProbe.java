package io.driftwatch.benchmarks;

import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.HistogramDrift;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import io.driftwatch.stats.drift.BinnedDriftTests;
import io.driftwatch.stats.drift.DriftTestResult;
import io.driftwatch.stats.drift.DriftTests;
import io.driftwatch.stats.drift.NumericDriftTest;
import io.driftwatch.stats.summary.ColumnSummary;
import io.driftwatch.stats.summary.SummaryStats;
import io.driftwatch.stats.summary.WindowSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 17 point 6 (window summaries): (1) the CPU per row of keeping the summaries the stream processor builds at
 * ingest (rows of {@code features} numeric features, each value into moments, min/max, the histogram on the
 * reference's padded edges and the KLL sketch; boxed Doubles as the processor's rows hold them), and (2) the drift of
 * a window of {@code windowRows} rows from its summaries only: merging its cells' summaries (one per minute, as
 * flushes write them), the window statistics, histogram-data-drift and the four numeric drift tests — no row is read.
 * CPU time from {@link ThreadMXBean}. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.driftwatch.benchmarks.SummaryProbe [features] [windowRows]}.
 */
public final class SummaryProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SummaryProbe() {
    }

    public static void main(String[] args) {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long windowRows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        FeatureStats reference = reference(features);
        List<String> names = new ArrayList<>(reference.names());
        Random r = new Random(1);
        int block = 100_000;
        Object[][] rows = new Object[block][features];
        for (Object[] row : rows) {
            for (int f = 0; f < features; f++) {
                row[f] = r.nextGaussian() * 1.2 + 0.3;
            }
        }
        for (int i = 0; i < 3; i++) {
            summarize(rows, names, reference); // warm-up
        }
        long t0 = THREADS.getCurrentThreadCpuTime();
        int reps = 10;
        for (int i = 0; i < reps; i++) {
            summarize(rows, names, reference);
        }
        double perRow = (THREADS.getCurrentThreadCpuTime() - t0) / (double) reps / block;
        System.out.printf("summary upkeep: %.0f ns CPU per %d-feature row (%.1f ns per value)%n", perRow, features,
                perRow / features);
        window(rows, names, reference, windowRows, block);
    }

    private static void window(Object[][] rows, List<String> names, FeatureStats reference, long windowRows,
                               int block) {
        int cells = 60;
        List<byte[]> stored = new ArrayList<>();
        long built = 0;
        long perCell = windowRows / cells;
        for (int c = 0; c < cells; c++) {
            WindowSummary cell = WindowSummary.create();
            for (long done = 0; done < perCell; done += block) {
                WindowSummary part = summarize(rows, names, reference);
                cell.merge(part);
                built += block;
            }
            stored.add(cell.toByteArray());
        }
        for (int i = 0; i < 5; i++) {
            drift(stored, reference);
        }
        long t0 = THREADS.getCurrentThreadCpuTime();
        int reps = 10;
        String summary = "";
        for (int i = 0; i < reps; i++) {
            summary = drift(stored, reference);
        }
        double ms = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6 / reps;
        long bytes = stored.stream().mapToLong(b -> b.length).sum();
        System.out.printf("window of %,d rows (%d cells, %,d bytes of summaries): drift from summaries %.1f ms CPU "
                + "(read + merge + window stats + histogram drift + KS/Wasserstein/PSI/JS per feature); %s%n",
                built, cells, bytes, ms, summary);
    }

    private static String drift(List<byte[]> cells, FeatureStats reference) {
        WindowSummary w = WindowSummary.create();
        for (byte[] b : cells) {
            w.merge(WindowSummary.fromByteArray(b));
        }
        FeatureStats padded = Histograms.pad(reference);
        FeatureStats stats = SummaryStats.windowStats(w, padded).orElseThrow();
        DriftReport report = HistogramDrift.create().compare(padded, stats);
        List<NumericDriftTest> tests = List.of(DriftTests.ks(), DriftTests.wasserstein(), DriftTests.psiNumeric(),
                DriftTests.jensenShannonNumeric());
        int drifted = 0;
        for (Map.Entry<String, ColumnStats> e : padded.columns().entrySet()) {
            NumericStats n = (NumericStats) e.getValue();
            ColumnSummary c = w.column(e.getKey()).orElseThrow();
            var binned = SummaryStats.binned(c, n.hist(), w.rows()).orElseThrow();
            double[] ref = expand(n);
            for (NumericDriftTest t : tests) {
                DriftTestResult res = BinnedDriftTests.test(t, n.hist(), ref, binned);
                drifted += res.drifted() ? 1 : 0;
            }
        }
        return "general_drift " + String.format("%.4f", report.generalDrift()) + ", drifted tests " + drifted;
    }

    private static double[] expand(NumericStats n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n.hist().bins(); i++) {
            double mid = (n.hist().edge(i) + n.hist().edge(i + 1)) / 2;
            for (long k = Math.round(n.hist().count(i)); k > 0; k--) {
                out.add(mid);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static WindowSummary summarize(Object[][] rows, List<String> names, FeatureStats reference) {
        WindowSummary s = WindowSummary.create();
        ColumnSummary[] cols = new ColumnSummary[names.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = s.column(names.get(i), reference.get(names.get(i)).orElseThrow());
        }
        for (Object[] row : rows) {
            for (int i = 0; i < cols.length; i++) {
                cols[i].update(row[i]);
            }
        }
        s.addRows(rows.length);
        return s;
    }

    private static FeatureStats reference(int features) {
        Random r = new Random(2);
        Map<String, NumericColumn> cols = new LinkedHashMap<>();
        for (int f = 0; f < features; f++) {
            double[] v = new double[10_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
            cols.put("f" + f, NumericColumn.wrap(v, null));
        }
        return Statistics.reference(Frame.of(cols)).stats();
    }
}
