package io.driftwatch.benchmarks.scaleout;

import io.driftwatch.benchmarks.pipeline.ProcessProbe;
import io.driftwatch.client.DriftwatchClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measured run through the real path (issue 16 point 9): {@code driftwatch serve} as a child JVM
 * ({@link Child#server}) on the target's backends — Kafka + PostgreSQL or MariaDB + Parquet on S3 (s3proxy, another
 * child JVM), or the embedded default (log + DuckDB + local Parquet) — the project created and enabled through REST,
 * and {@link HttpLoad} POSTing tracking events to its ingest route. Applied events and rows and the lag come from the
 * server's {@code /metrics} ({@code driftwatch_processor_events_total}, {@code …_prediction_rows_total},
 * {@code driftwatch_stream_lag_records}), once per second. CPU: the server's OS threads from {@code /proc/<pid>/task},
 * its Java threads' share split by the JFR samples of the measured period ({@code jcmd JFR.dump}); the broker, the
 * database server, s3proxy and the load generator's JVM as whole processes.
 */
final class HttpRun {
    private static final Pattern METRIC = Pattern.compile("(?m)^(driftwatch_[a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+)$");
    private final Run.Settings settings;
    private final String targetName;
    private final Long brokerPid;
    private final Child s3;
    private final Path jar;

    HttpRun(Run.Settings settings, String targetName, Long brokerPid, Child s3, Path jar) {
        this.settings = settings;
        this.targetName = targetName;
        this.brokerPid = brokerPid;
        this.s3 = s3;
        this.jar = jar;
    }

    Result execute(String kafka) throws Exception {
        Target target = Target.create(targetName);
        String project = "soh" + System.currentTimeMillis() % 1_000_000_000L;
        Path dir = Files.createTempDirectory("dw-scaleout-http-");
        try (Child server = Child.server(jar, flags(target, kafka, dir, project), dir.resolve("server.log"))) {
            DriftwatchClient client = DriftwatchClient.connect(server.url);
            client.createProject(project);
            client.enableMonitoring(project, "1h", false);
            HttpLoad load = new HttpLoad(server.url, project, settings.endpoints(), settings.rows(), settings.rate(),
                    settings.threads());
            load.start();
            try {
                Thread.sleep(settings.warmupSeconds() * 1000L);
                return measure(server, load, target, dir);
            } finally {
                load.stop();
            }
        } finally {
            target.drop();
        }
    }

    private List<String> flags(Target target, String kafka, Path dir, String project) {
        List<String> f = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        if (target.usesKafka()) {
            String db = target.uris(kafka).raw(io.driftwatch.engine.backend.BackendKind.TSDB);
            f.addAll(List.of("--stream-path", kafka, "--kafka-partitions", Integer.toString(settings.partitions()),
                    "--endpoint-store-connection", db, "--tsdb-connection", db,
                    "--parquet-path", "s3://dw-bench/" + project, "--s3-endpoint", s3.url));
        }
        return f;
    }

    private Result measure(Child server, HttpLoad load, Target target, Path dir) throws Exception {
        Run.Snapshot s0 = snapshot(server, load, target);
        Instant from = Instant.now();
        List<Long> lags = new ArrayList<>();
        lags.add(s0.lag());
        long start = System.nanoTime();
        for (int i = 1; i <= settings.seconds(); i++) {
            Thread.sleep(Math.max(0, (start + i * 1_000_000_000L - System.nanoTime()) / 1_000_000));
            lags.add((long) metrics(server).getOrDefault("driftwatch_stream_lag_records", 0.0).doubleValue());
        }
        Run.Snapshot s1 = snapshot(server, load, target);
        Instant to = Instant.now();
        double secs = (System.nanoTime() - start) / 1e9;
        Path jfr = dir.resolve("server.jfr");
        server.dumpRecording(jfr);
        Map<String, Long> samples = StackProfile.count(jfr, from, to, false);
        long t = System.nanoTime();
        load.stop();
        double drain = -1;
        while (System.nanoTime() - t < 300_000_000_000L) {
            if (metrics(server).getOrDefault("driftwatch_stream_lag_records", 1.0) == 0) {
                drain = (System.nanoTime() - t) / 1e9;
                break;
            }
            Thread.sleep(100);
        }
        return new Result(targetName + " (http)", settings, secs, s0, s1, lags, samples, drain, load.failed.get());
    }

    private Run.Snapshot snapshot(Child server, HttpLoad load, Target target) throws Exception {
        Map<String, Double> m = metrics(server);
        Map<String, Double> procs = new LinkedHashMap<>();
        procs.put("load generator (HTTP client JVM)", ThreadCpu.process(ProcessHandle.current().pid()));
        if (target.usesKafka()) {
            procs.put("object store (s3proxy)", ThreadCpu.process(s3.pid()));
        }
        return new Run.Snapshot(load.acked.get(), m.getOrDefault("driftwatch_processor_events_total", 0.0)
                .longValue(), m.getOrDefault("driftwatch_processor_prediction_rows_total", 0.0).longValue(),
                m.getOrDefault("driftwatch_stream_lag_records", 0.0).longValue(),
                ThreadCpu.byThread(Long.toString(server.pid())), brokerPid == null || !target.usesKafka() ? 0
                : ThreadCpu.process(brokerPid), target.dbCpuSeconds(), ProcessProbe.loadAverage(), procs);
    }

    /** The server's driftwatch_* series, summed over their labels. */
    private static Map<String, Double> metrics(Child server) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = METRIC.matcher(Child.get(server.url + "/metrics"));
        while (m.find()) {
            out.merge(m.group(1), Double.parseDouble(m.group(3)), Double::sum);
        }
        return out;
    }
}
