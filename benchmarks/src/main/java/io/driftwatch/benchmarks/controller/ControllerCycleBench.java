package io.driftwatch.benchmarks.controller;

import io.driftwatch.benchmarks.pipeline.ProcessProbe;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.controller.ControllerConfig;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.controller.WindowHandlers;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.writer.MonitoringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One controller cycle over N endpoints with one closed window each (issue 17 point 4), in-process on the stores the
 * server opens by URI: {@code embedded} (DuckDB + Parquet, the default) or {@code postgresql} (endpoint store and
 * time series on PostgreSQL 127.0.0.1:5432 in a fresh database {@code dw_cc_<millis>}, dropped afterwards; Parquet
 * rows on the local disk). Wiring as {@code server.Pipeline}: registry → runner (file-system artifacts) → writer →
 * controller with the default {@link ControllerConfig} (parallelism = cores clamped to 2–4).
 *
 * <p>For each N: builds the project (not timed), then times {@code runOnce(project)} (wall and process CPU),
 * checks that every endpoint got its {@code general_drift}, then times the UI's app-results query of the last 24 h
 * over the project's endpoints (what {@code GET /ui/api/projects/{p}/app-results} runs). A 20-endpoint project runs
 * first as JIT warm-up. Prints one Markdown row per N; on the SQL backends with the database server's CPU in the
 * cycle ({@link DbServerProbe}: the server shares the machine's cores, so it is part of the cycle's cost).
 *
 * <p>Each endpoint's windows start on the epoch grid of the base period and are written with their summaries (as
 * the stream processor builds them; {@code --summaries false} writes rows only), so the built-in apps read the
 * summaries; {@code mean-shift} is an app that reads the rows ({@code sampleFrame()}). With {@code --cycles k} each
 * endpoint has k windows and the controller runs k times, one base period apart, analysing one new window per
 * endpoint each time (runs after the first find the endpoint records in the controller's cache).
 *
 * <pre>
 * java … ControllerCycleBench --backend embedded|postgresql|mariadb --endpoints 100,1000,10000
 *      --apps histogram-data-drift,drift-tests[,mean-shift] --features 10 --rows 200 --cycles 2
 * </pre>
 */
public final class ControllerCycleBench {
    private ControllerCycleBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String backend = o.getOrDefault("backend", "embedded");
        List<Integer> sizes = Arrays.stream(o.getOrDefault("endpoints", "100,1000").split(","))
                .map(Integer::parseInt).toList();
        List<String> apps = List.of(o.getOrDefault("apps", "histogram-data-drift").split(","));
        int features = Integer.parseInt(o.getOrDefault("features", "10"));
        int rows = Integer.parseInt(o.getOrDefault("rows", "200"));
        boolean summaries = Boolean.parseBoolean(o.getOrDefault("summaries", "true"));
        int cycles = Integer.parseInt(o.getOrDefault("cycles", "1"));
        System.out.printf("# %s, apps %s, %d features, %d rows per window, windows %s, %d cores, parallelism %d,"
                + " load %.1f%n", backend, apps, features, rows, summaries ? "with summaries" : "rows only",
                Runtime.getRuntime().availableProcessors(), config().parallelism(),
                ProcessProbe.loadAverage());
        System.out.println("| backend | endpoints | apps | cycle | windows | app-windows | cycle s | process CPU s "
                + "| ms per window | CPU ms per window | DB server CPU ms per window | results | UI app-results query s "
                + "| load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        String database = backend.equals("embedded") ? null : "dw_cc_" + System.currentTimeMillis();
        Path dir = Files.createTempDirectory("dw-cycle-");
        MutableClock clock = new MutableClock(CycleSetup.now(1));
        try {
            if (database != null) {
                admin(backend, "CREATE DATABASE " + database);
            }
            BackendUris uris = database == null ? BackendUris.defaults() : BackendUris.defaults()
                    .with(BackendKind.ENDPOINT_STORE, sqlUri(backend, database))
                    .with(BackendKind.TSDB, sqlUri(backend, database));
            try (Backends b = BackendLoader.standard().open(uris, new BackendContext(clock, dir, Map.of()))) {
                Cycle cycle = new Cycle(b, clock, features, rows, apps, summaries, cycles, backend, database,
                        new QuietBetweenCycles(dir, backend));
                // -Ddriftwatch.bench.warmup=N: the endpoints of the warm-up project (20: the JIT is still compiling the
                // hot paths during the first measured cycle, ~4 s of compiler CPU at 10,000 endpoints; 1,000: warm)
                cycle.run("warmup", Integer.getInteger("driftwatch.bench.warmup", 20), cycles);
                for (int n : sizes) {
                    for (Measured m : cycle.run("cc" + n, n, cycles)) {
                        System.out.println(m.row(backend, apps));
                    }
                }
            }
        } finally {
            if (database != null) {
                admin(backend, "DROP DATABASE IF EXISTS " + database
                        + (backend.equals("postgresql") ? " WITH (FORCE)" : ""));
            }
            // the data directory (Parquet, DuckDB, artifacts): gigabytes at 10,000 endpoints
            FileTrees.delete(dir, "the benchmark's data directory " + dir);
        }
    }

    /** The wired pipeline over one set of backends. */
    private static final class Cycle {
        private final Backends b;
        private final ApplicationRegistry registry;
        private final MonitoringController controller;
        private final CycleSetup setup;
        private final List<String> apps;

        private final MutableClock clock;
        private final String backend;
        private final String database;
        private final QuietBetweenCycles quiet;

        Cycle(Backends b, MutableClock clock, int features, int rows, List<String> apps, boolean summaries,
              int windows, String backend, String database, QuietBetweenCycles quiet) {
            this.b = b;
            this.quiet = quiet;
            this.backend = backend;
            this.database = database;
            this.apps = apps;
            this.clock = clock;
            EngineEventListener events = EngineEventListener.none();
            registry = ApplicationRegistry.create(b.projects(), clock, null);
            ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), clock, b.artifacts(), events);
            MonitoringWriter writer = MonitoringWriter.create(clock, b.timeSeries(), b.endpoints(), events);
            controller = MonitoringController.create(config(), clock, b.projects(), b.endpoints(),
                    b.samples(), registry, WindowHandlers.runAndWrite(registry, runner, writer, events, clock));
            setup = new CycleSetup(b, features, rows, summaries, windows);
        }

        /** Builds the project, then runs {@code cycles} controller runs, each analysing one new window per endpoint. */
        List<Measured> run(String project, int n, int cycles) throws InterruptedException {
            setup.build(project, n, apps, registry);
            List<Measured> out = new ArrayList<>();
            for (int k = 1; k <= cycles; k++) {
                quiet.await(k);
                clock.set(CycleSetup.now(k));
                out.add(runOnce(project, n, k));
            }
            return out;
        }

        private Measured runOnce(String project, int n, int k) {
            double cpu0 = processCpu();
            double db0 = DbServerProbe.cpuSeconds(backend, database);
            long t0 = System.nanoTime();
            int analysed = controller.runOnce(project);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = processCpu() - cpu0;
            double dbCpu = DbServerProbe.cpuSeconds(backend, database) - db0;
            Instant now = clock.instant();
            long t1 = System.nanoTime();
            // what the UI's app-results route runs: the endpoints' model names, then one bounded query over the
            // project (before issue 17: one appResults query per endpoint; before round 10: the endpoint records)
            Map<String, String> eps = b.endpoints().models(project);
            b.timeSeries().projectAppResults(project, now.minusSeconds(86_400), now, 10_000);
            double ui = (System.nanoTime() - t1) / 1e9;
            Instant windowStart = now.minus(CycleSetup.BASE_PERIOD).minusSeconds(30);
            long results = b.timeSeries().projectAppResults(project, windowStart, now, Integer.MAX_VALUE).stream()
                    .filter(r -> r.name().equals("general_drift") && r.windowStart().equals(windowStart)).count();
            if (eps.size() != n || results != n || analysed != n * apps.size()) {
                throw new IllegalStateException(n + " endpoints, but " + eps.size() + " listed, " + analysed
                        + " app-windows analysed and " + results + " general_drift results of window " + windowStart);
            }
            return new Measured(n, k, analysed, secs, cpu, dbCpu, (int) results, ui);
        }
    }

    /** {@code dbCpu}: the database server's CPU seconds in the cycle ({@link DbServerProbe}); NaN on embedded. */
    private record Measured(int endpoints, int cycle, int appWindows, double seconds, double cpu, double dbCpu,
                            int results, double ui) {
        String row(String backend, List<String> apps) {
            return String.format("| %s | %,d | %s | %d | %,d | %,d | %.2f | %.2f | %.2f | %.2f | %s | %,d | %.2f | %.1f |",
                    backend, endpoints, String.join(" + ", apps), cycle, endpoints, appWindows, seconds, cpu,
                    seconds * 1000 / endpoints, cpu * 1000 / endpoints,
                    Double.isNaN(dbCpu) ? "–" : String.format("%.2f", dbCpu * 1000 / endpoints), results, ui,
                    ProcessProbe.loadAverage());
        }
    }

    /** The benchmark's clock: each controller run happens one base period after the previous one. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The default controller configuration; {@code -Ddriftwatch.bench.parallelism=N} sets the workers. */
    private static ControllerConfig config() {
        String p = System.getProperty("driftwatch.bench.parallelism");
        return p == null ? ControllerConfig.defaults() : ControllerConfig.defaults().withParallelism(Integer.parseInt(p));
    }

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The store URI of a SQL backend: postgresql (127.0.0.1:5432, user postgres) or mariadb (127.0.0.1:3306, root). */
    private static String sqlUri(String backend, String database) {
        return switch (backend) {
            case "postgresql" -> "postgresql://postgres@127.0.0.1:5432/" + database;
            case "mariadb" -> "mysql://root@127.0.0.1:3306/" + database;
            default -> throw new IllegalArgumentException("backend must be embedded, postgresql or mariadb: " + backend);
        };
    }

    private static void admin(String backend, String sql) throws Exception {
        String url = backend.equals("postgresql") ? "jdbc:postgresql://127.0.0.1:5432/postgres"
                : "jdbc:mariadb://127.0.0.1:3306/";
        try (Connection c = DriverManager.getConnection(url, backend.equals("postgresql") ? "postgres" : "root", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    static List<String> list(String csv) {
        return new ArrayList<>(List.of(csv.split(",")));
    }
}
