package io.driftwatch.benchmarks.controller;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.EndpointStore.Schedule;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.store.embedded.duckdb.EmbeddedStores;
import io.driftwatch.testkit.TestData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The controller's per-window DuckDB work alone (issue 17), without the apps: N endpoints in batches, per batch
 * the reads (records, latest results and metrics of the batch) and the writes of histogram-data-drift +
 * drift-tests outputs as the writer and controller make them (12 results, one with a 9 KB extra_data and eleven of
 * ~0.4 KB, 3 metrics, the drift row, 2 last_analyzed), in one {@link EndpointStore#writeTogether} or, with
 * {@code separate}, as four port calls. Prints thread CPU ms per window per cycle (DuckDB runs on the calling thread:
 * threads = 1). Cycle 0 inserts the latest rows, later cycles replace them.
 *
 * <pre>java … WriterFlushProbe 1000 together|separate [batch 64] [cycles 4]</pre>
 *
 * The JSON is random numbers (it compresses like the apps' extra_data and current statistics; a repeated character
 * made checkpoints look free), and the last figure adds the checkpoint DuckDB makes at close, so a higher
 * checkpoint threshold cannot look cheaper by leaving work in the log ({@code -Ddriftwatch.duckdb.checkpoint-threshold}).
 * Measured on 2 shared cores, writes with the final checkpoint, ms of CPU per window: 1,000 endpoints × 4 cycles,
 * batch 64 and 16 MB 1.39, batch 256 and 256 MB 0.58 (load 1.1); 4,000 endpoints × 4 cycles 2.77 (load 7.5) → 0.71
 * (load 1.2); reads at 4,000 1.2 → 0.5 (one scan per batch of 256, not of 64). Earlier (repeated-character JSON,
 * 1,000 endpoints, load 5–6): writes 3.8–4.6 ms per window on efceaba (multi-row INSERT … VALUES statements),
 * 0.54–0.60 ms with the staged writes in one transaction.
 */
public final class WriterFlushProbe {
    private static final java.util.Random RANDOM = new java.util.Random(17);
    private static int batch = 64;

    private WriterFlushProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean together = args.length < 2 || args[1].equals("together");
        batch = args.length < 3 ? 64 : Integer.parseInt(args[2]);
        int cycles = args.length < 4 ? 4 : Integer.parseInt(args[3]);
        long total = 0;
        java.nio.file.Path dir = Files.createTempDirectory("dw-flush-");
        EmbeddedStores s = EmbeddedStores.open(dir, Clock.systemUTC());
        {
            List<String> uids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ModelEndpoint e = TestData.endpoint("p", "fn", "m" + i);
                s.endpoints().put(e);
                uids.add(e.uid());
            }
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            for (int cycle = 0; cycle < cycles; cycle++) {
                long[] cpu = cycle(s.endpoints(), s.timeSeries(), uids, t0.plusSeconds(3600L * cycle), together);
                System.out.printf("%s n=%d batch %d cycle %d: reads %.3f ms/window, writes %.3f ms/window (thread CPU)%n",
                        together ? "together" : "separate", n, batch, cycle, cpu[0] / 1e6 / n, cpu[1] / 1e6 / n);
                total += cpu[1];
            }
            long x = cpu();
            s.close(); // DuckDB checkpoints what the cycles left in its log
            long close = cpu() - x;
            System.out.printf("writes, cycles 0-%d with the final checkpoint: %.3f ms/window (close %.0f ms); db %d MB%n",
                    cycles - 1, (total + close) / 1e6 / n / cycles, close / 1e6,
                    Files.size(dir.resolve(EmbeddedStores.DATABASE_FILE)) >> 20);
        }
    }

    /** One cycle's reads and writes in batches; their thread CPU ns. */
    private static long[] cycle(EndpointStore eps, TimeSeriesStore ts, List<String> all, Instant start,
                                boolean together) {
        long reads = 0;
        long writes = 0;
        Instant end = start.plusSeconds(3600);
        for (int b = 0; b < all.size(); b += batch) {
            List<String> uids = all.subList(b, Math.min(all.size(), b + batch));
            long x = cpu();
            eps.getAll("p", uids);
            ts.latestAppResults("p", uids);
            ts.latestAppMetrics("p", uids);
            reads += cpu() - x;
            List<AppResult> res = new ArrayList<>();
            List<AppMetric> met = new ArrayList<>();
            List<DriftUpdate> drift = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            for (String u : uids) {
                outputs(u, start, end, res, met);
                drift.add(new DriftUpdate("p", u, ResultStatus.NO_DETECTION, Map.of("tvd_mean", Math.random()),
                        stats()));
                schedules.add(new Schedule("p", u, "histogram-data-drift", end));
                schedules.add(new Schedule("p", u, "drift-tests", end));
            }
            x = cpu();
            if (together) {
                eps.writeTogether("p", () -> {
                    ts.writeAppOutputs(res, met);
                    eps.recordDrift(drift);
                    eps.setLastAnalyzed(schedules);
                    return null;
                });
            } else {
                ts.writeAppResults(res);
                ts.writeAppMetrics(met);
                eps.recordDrift(drift);
                eps.setLastAnalyzed(schedules);
            }
            writes += cpu() - x;
        }
        return new long[] {reads, writes};
    }

    private static void outputs(String u, Instant start, Instant end, List<AppResult> res, List<AppMetric> met) {
        res.add(new AppResult("p", u, "histogram-data-drift", start, end, "general_drift", Math.random(),
                ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, json(9000)));
        for (int f = 0; f < 10; f++) {
            res.add(new AppResult("p", u, "drift-tests", start, end, "f" + f, Math.random(), ResultKind.DATA_DRIFT,
                    ResultStatus.NO_DETECTION, json(400)));
        }
        res.add(new AppResult("p", u, "drift-tests", start, end, "drifted_features_share", 0.1,
                ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, "{}"));
        for (String m : List.of("tvd_mean", "hellinger_mean", "kld_mean")) {
            met.add(new AppMetric("p", u, "histogram-data-drift", start, end, m, Math.random()));
        }
    }

    /** JSON of about {@code bytes} characters of random numbers (compresses like the apps' extra_data). */
    private static String json(int bytes) {
        StringBuilder b = new StringBuilder(bytes + 32).append("{\"v\":[");
        while (b.length() < bytes) {
            b.append(RANDOM.nextDouble()).append(',');
        }
        return b.append("0]}").toString();
    }

    /** Current statistics of 10 numeric features with 20 random bins each (~8 KB of JSON, like the apps'). */
    private static io.driftwatch.FeatureStats stats() {
        Map<String, io.driftwatch.ColumnStats> cols = new java.util.LinkedHashMap<>();
        for (int f = 0; f < 10; f++) {
            double[] counts = new double[20];
            double[] edges = new double[21];
            for (int i = 0; i < 20; i++) {
                counts[i] = RANDOM.nextDouble();
                edges[i + 1] = edges[i] + RANDOM.nextDouble();
            }
            cols.put("f" + f, new io.driftwatch.NumericStats(200, RANDOM.nextDouble(), RANDOM.nextDouble(), 0, 1, 2,
                    3, 4, io.driftwatch.Histogram.of(counts, edges)));
        }
        return io.driftwatch.FeatureStats.of(cols);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
