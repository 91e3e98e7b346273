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
 * The controller's per-window DuckDB work alone (issue 17), without the apps: N endpoints in batches of 64, per batch
 * the reads (records, latest results and metrics of the batch) and the writes of histogram-data-drift +
 * drift-tests outputs as the writer and controller make them (12 results, one with a 9 KB extra_data and eleven of
 * ~0.4 KB, 3 metrics, the drift row, 2 last_analyzed), in one {@link EndpointStore#writeTogether} or, with
 * {@code separate}, as four port calls. Prints thread CPU ms per window per cycle (DuckDB runs on the calling thread:
 * threads = 1). Cycle 0 inserts the latest rows, later cycles replace them.
 *
 * <pre>java … WriterFlushProbe 1000 together|separate</pre>
 *
 * Measured at 1,000 endpoints on 2 shared cores (load 5–6), cycles 1–3: writes 3.8–4.6 ms per window on efceaba
 * (multi-row INSERT … VALUES statements), 0.71–0.88 ms with the staged writes as four transactions, 0.54–0.60 ms in
 * one; reads 0.30–0.45 ms (mostly decoding the records' JSON).
 */
public final class WriterFlushProbe {
    private static final int BATCH = 64;
    private static final String BIG = "{\"d\":\"" + "x".repeat(9000) + "\"}";
    private static final String SMALL = "{\"d\":\"" + "y".repeat(400) + "\"}";

    private WriterFlushProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean together = args.length < 2 || args[1].equals("together");
        try (EmbeddedStores s = EmbeddedStores.open(Files.createTempDirectory("dw-flush-"), Clock.systemUTC())) {
            List<String> uids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ModelEndpoint e = TestData.endpoint("p", "fn", "m" + i);
                s.endpoints().put(e);
                uids.add(e.uid());
            }
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            for (int cycle = 0; cycle < 4; cycle++) {
                long[] cpu = cycle(s.endpoints(), s.timeSeries(), uids, t0.plusSeconds(3600L * cycle), together);
                System.out.printf("%s n=%d cycle %d: reads %.3f ms/window, writes %.3f ms/window (thread CPU)%n",
                        together ? "together" : "separate", n, cycle, cpu[0] / 1e6 / n, cpu[1] / 1e6 / n);
            }
        }
    }

    /** One cycle's reads and writes in batches; their thread CPU ns. */
    private static long[] cycle(EndpointStore eps, TimeSeriesStore ts, List<String> all, Instant start,
                                boolean together) {
        long reads = 0;
        long writes = 0;
        Instant end = start.plusSeconds(3600);
        for (int b = 0; b < all.size(); b += BATCH) {
            List<String> uids = all.subList(b, Math.min(all.size(), b + BATCH));
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
                        TestData.featureStats()));
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
                ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, BIG));
        for (int f = 0; f < 10; f++) {
            res.add(new AppResult("p", u, "drift-tests", start, end, "f" + f, Math.random(), ResultKind.DATA_DRIFT,
                    ResultStatus.NO_DETECTION, SMALL));
        }
        res.add(new AppResult("p", u, "drift-tests", start, end, "drifted_features_share", 0.1,
                ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, "{}"));
        for (String m : List.of("tvd_mean", "hellinger_mean", "kld_mean")) {
            met.add(new AppMetric("p", u, "histogram-data-drift", start, end, m, Math.random()));
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
