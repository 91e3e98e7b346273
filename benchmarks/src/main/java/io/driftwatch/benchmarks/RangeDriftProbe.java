package io.driftwatch.benchmarks;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.Window;
import io.driftwatch.engine.drift.Baseline;
import io.driftwatch.engine.drift.DriftSettings;
import io.driftwatch.engine.drift.Granularity;
import io.driftwatch.engine.drift.RangeDrift;
import io.driftwatch.engine.drift.RangeDriftReport;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Statistics;
import io.driftwatch.stats.summary.ColumnSummary;
import io.driftwatch.stats.summary.WindowSummary;
import io.driftwatch.store.embedded.parquet.ParquetSamples;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Issue 17 pt 3: the drift of a week-long range of {@code rows} rows × {@code features} numeric features from the
 * endpoint's cell summaries as the embedded store keeps them (one sidecar per hour directory, 10-minute cells), never
 * reading a row: {@link RangeDrift#compare} against the reference (merge of 1,008 cells, window statistics,
 * histogram-data-drift, drift-tests) and against the previous half-week, and the hourly and daily series. Wall and
 * thread CPU time, after warm-ups. Run (engine and store-embedded on the class path, e.g. the server's):
 * {@code java -cp … io.driftwatch.benchmarks.RangeDriftProbe [features] [rows] [dir]} (a dir filled by an earlier
 * run is reused as it is).
 */
public final class RangeDriftProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Instant END = Instant.parse("2026-12-07T00:00:00Z");
    private static final Instant START = END.minus(Duration.ofDays(7));
    private static final Duration CELL = Duration.ofMinutes(10);

    private RangeDriftProbe() {
    }

    public static void main(String[] args) throws Exception {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        FeatureStats reference = reference(features);
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("range-drift-probe");
        try (ParquetSamples store = ParquetSamples.open(dir)) {
            long stored = store.storedOffset() > 0 ? -1 : fill(store, reference, features, rows); // -1: reused
            ModelEndpoint ep = endpoint(reference, features);
            RangeDrift drift = new RangeDrift(store);
            Window week = new Window(START, END);
            Window half = new Window(END.minus(Duration.ofHours(84)), END);
            RangeDriftReport r = time("week vs reference (merge + stats + histogram drift + drift tests)",
                    () -> drift.compare(ep, week, Baseline.REFERENCE, DriftSettings.DEFAULT));
            System.out.printf("  rows %,d (stored %,d), cells %d, general_drift %.4f, status %s, tests %d%n",
                    r.current().rows(), stored, r.current().cells(), r.drift().generalDrift(), r.status(),
                    r.tests().map(List::size).orElse(0));
            time("last 3.5 days vs the previous 3.5 days", () -> drift.compare(ep, half, Baseline.PREVIOUS,
                    DriftSettings.DEFAULT));
            time("hourly series of the week (168 points, vs reference)", () -> drift.series(ep, week,
                    Granularity.HOUR, Baseline.REFERENCE, DriftSettings.DEFAULT));
            time("daily series of the week (7 points, vs previous day)", () -> drift.series(ep, week,
                    Granularity.DAY, Baseline.PREVIOUS, DriftSettings.DEFAULT));
        }
    }

    private static <T> T time(String what, Supplier<T> f) {
        for (int i = 0; i < 3; i++) {
            f.get();
        }
        int reps = 5;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        T out = null;
        for (int i = 0; i < reps; i++) {
            out = f.get();
        }
        System.out.printf("%s: %.1f ms wall, %.1f ms CPU per query%n", what, (System.nanoTime() - wall) / 1e6 / reps,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / reps);
        return out;
    }

    /** One summary per 10-minute cell of the week, written per hour as the processor's flushes would. */
    private static long fill(ParquetSamples store, FeatureStats reference, int features, long rows) {
        int cells = (int) (Duration.between(START, END).toMinutes() / CELL.toMinutes());
        int perCell = (int) (rows / cells);
        Random rnd = new Random(3);
        List<String> names = new ArrayList<>(reference.names());
        long offset = 0;
        long total = 0;
        List<CellSummary> hour = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < cells; c++) {
            Window w = Window.of(START.plus(CELL.multipliedBy(c)), CELL);
            double shift = c / (double) cells;
            WindowSummary s = WindowSummary.create();
            ColumnSummary[] cols = new ColumnSummary[features];
            for (int f = 0; f < features; f++) {
                cols[f] = s.column(names.get(f), reference.get(names.get(f)).orElseThrow());
            }
            for (int i = 0; i < perCell; i++) {
                for (ColumnSummary col : cols) {
                    col.update(rnd.nextGaussian() + shift);
                }
            }
            s.addRows(perCell);
            total += perCell;
            hour.add(new CellSummary("bench", "ep", CellSummary.hourOf(w.start()), w, s));
            if (hour.size() == 6) {
                store.write(List.of(), List.copyOf(hour), ++offset);
                hour.clear();
            }
        }
        System.out.printf("built and stored %,d cells of %,d rows x %d features in %.1f s%n", cells, perCell, features,
                (System.nanoTime() - t0) / 1e9);
        return total;
    }

    private static FeatureStats reference(int features) {
        Random rnd = new Random(1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int f = 0; f < features; f++) {
                r.put("f" + f, rnd.nextGaussian());
            }
            rows.add(r);
        }
        return Statistics.reference(Frame.fromMaps(rows)).stats();
    }

    private static ModelEndpoint endpoint(FeatureStats reference, int features) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            names.add("f" + f);
        }
        var spec = ModelEndpoint.Spec.builder().functionUri("bench/serving").model("model").featureNames(names)
                .monitoringMode(MonitoringMode.ENABLED).active(true).build();
        var status = ModelEndpoint.Status.builder().featureStats(reference).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata("bench", "ep", Map.of()), spec, status);
    }
}
