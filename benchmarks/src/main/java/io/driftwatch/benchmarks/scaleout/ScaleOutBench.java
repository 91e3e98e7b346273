package io.driftwatch.benchmarks.scaleout;

import io.driftwatch.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sustained ingest → stream → partitioned processor → stores + Parquet, on this machine, for each target
 * ({@code postgresql}, {@code mariadb}: Kafka + SQL + local Parquet; {@code embedded}: embedded log + DuckDB + local
 * Parquet), {@code --reps} times each, targets interleaved within a repetition so that all see the same machine load.
 * Starts its own single-node KRaft broker (testkit {@link KafkaBroker}, a separate JVM from the Kafka jars) when a
 * Kafka target is asked for. Prints (and appends to {@code --out}) a throughput table and a CPU table per run.
 *
 * <pre>benchmarks/scale-out/run.sh --targets postgresql,mariadb,embedded --rate 300 --rows 100 --reps 3
 *     [--seconds 30 --warmup 15 --endpoints 16 --partitions 4 --threads 8 --out results.md]
 *     [--via http --jar cli/target/driftwatch.jar --s3proxy-classpath benchmarks/target/s3proxy.classpath]</pre>
 * {@code --via http} measures through a running {@code driftwatch serve} child JVM and its ingest route
 * ({@link HttpRun}), with Parquet on s3proxy (a child JVM) for the Kafka + SQL targets; the default
 * {@code --via ports} drives the ports inside this JVM ({@link Run}).
 */
public final class ScaleOutBench {
    private ScaleOutBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        Run.Settings s = new Run.Settings(Double.parseDouble(o.getOrDefault("rate", "300")),
                Integer.parseInt(o.getOrDefault("rows", "100")), Integer.parseInt(o.getOrDefault("endpoints", "16")),
                Integer.parseInt(o.getOrDefault("partitions", "4")), Integer.parseInt(o.getOrDefault("threads", "8")),
                Integer.parseInt(o.getOrDefault("warmup", "15")), Integer.parseInt(o.getOrDefault("seconds", "30")));
        List<String> targets = List.of(o.getOrDefault("targets", "postgresql,mariadb,embedded").split(","));
        int reps = Integer.parseInt(o.getOrDefault("reps", "3"));
        String kafka = null;
        Long brokerPid = null;
        if (targets.stream().anyMatch(t -> !t.equals("embedded"))) {
            KafkaBroker broker = KafkaBroker.shared();
            kafka = broker.streamPath();
            brokerPid = ProcessHandle.current().children().filter(ProcessHandle::isAlive).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no broker process")).pid(); // the only child
        }
        boolean http = o.getOrDefault("via", "ports").equals("http");
        Child s3 = http && targets.stream().anyMatch(t -> !t.equals("embedded"))
                ? Child.s3proxy(Files.readString(Path.of(o.getOrDefault("s3proxy-classpath",
                "benchmarks/target/s3proxy.classpath"))).strip(), Files.createTempDirectory("dw-bench-s3-")) : null;
        Path jar = Path.of(o.getOrDefault("jar", "cli/target/driftwatch.jar"));
        List<Result> results = new ArrayList<>();
        for (int r = 1; r <= reps; r++) {
            for (String t : targets) {
                Result res;
                Long pid = t.trim().equals("embedded") ? null : brokerPid;
                try {
                    res = http ? new HttpRun(s, t.trim(), pid, s3, jar).execute(kafka)
                            : new Run(s, t.trim(), pid).execute(kafka);
                } catch (Exception e) { // e.g. a database restarted by another test on the machine: report, go on
                    System.out.println("rep " + r + ": " + t + " FAILED: " + e);
                    continue;
                }
                results.add(res);
                System.out.println("rep " + r + ": " + res.throughputRow());
                System.out.println(report(s, List.of(res))); // each run's tables at once (a later one may fail)
                System.out.flush();
            }
        }
        String report = report(s, results);
        System.out.println(report);
        if (o.get("out") != null) {
            Files.writeString(Path.of(o.get("out")), report + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        if (s3 != null) {
            s3.close();
        }
        System.exit(0); // the broker's shutdown hook kills it
    }

    private static String report(Run.Settings s, List<Result> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nSettings: %s%n%n%s%n", s, Result.THROUGHPUT_HEADER));
        results.forEach(r -> sb.append(r.throughputRow()).append('\n'));
        Set<String> comps = new LinkedHashSet<>(ORDER);
        results.forEach(r -> comps.addAll(r.cpuPerEvent().keySet()));
        sb.append("\nCPU µs per applied event (one event = ").append(s.rows()).append(" rows); total = all but the "
                + "load generator\n\n| target |");
        comps.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append(" total |\n|---|").append("---|".repeat(comps.size() + 1)).append('\n');
        for (Result r : results) {
            Map<String, Double> cpu = r.cpuPerEvent();
            sb.append("| ").append(r.target()).append(" |");
            comps.forEach(c -> sb.append(String.format(Locale.ROOT, " %.0f |", cpu.getOrDefault(c, 0.0))));
            sb.append(String.format(Locale.ROOT, " %.0f |%n", total(cpu)));
        }
        sb.append(summary(results));
        sb.append("\nThread-group CPU seconds over the measured period\n\n");
        results.forEach(r -> sb.append(r.target()).append(": ").append(rounded(r.threadSeconds()))
                .append(" samples ").append(r.samples()).append('\n'));
        return sb.toString();
    }

    /** Component columns in pipeline order; components absent from a target print 0. */
    private static final List<String> ORDER = List.of("http ingest (Jetty, validation)", "kafka producer",
            "embedded log", "kafka broker (process)", "kafka consumer", "processor (parse, assemble)", "sql",
            "database server", "duckdb store", "parquet", "s3 upload (AWS SDK)", "object store (s3proxy)", "native",
            "other", "gc+vm", "jit", "load generator", "load generator (HTTP client JVM)");

    private static double total(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(e -> !e.getKey().startsWith("load generator"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Per target over the repetitions: min / median / max of applied events/s and of total CPU µs per event. */
    private static String summary(List<Result> results) {
        StringBuilder sb = new StringBuilder("\n| target | runs | applied events/s min / median / max "
                + "| rows/s median | CPU µs/event min / median / max | lag growth over the period (events, median) |\n"
                + "|---|---|---|---|---|---|\n");
        Map<String, List<Result>> by = new LinkedHashMap<>();
        results.forEach(r -> by.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r));
        by.forEach((t, rs) -> {
            double[] ev = rs.stream().mapToDouble(r -> r.applied() / r.seconds()).sorted().toArray();
            double[] cpu = rs.stream().mapToDouble(r -> total(r.cpuPerEvent())).sorted().toArray();
            double[] growth = rs.stream().mapToDouble(r -> r.lags().getLast() - r.lags().getFirst()).sorted()
                    .toArray();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %,.0f / %,.0f / %,.0f | %,.0f | %,.0f / %,.0f / %,.0f "
                            + "| %+,.0f |%n", t, rs.size(), ev[0], ev[ev.length / 2], ev[ev.length - 1],
                    ev[ev.length / 2] * rs.getFirst().settings().rows(), cpu[0], cpu[cpu.length / 2],
                    cpu[cpu.length - 1], growth[growth.length / 2]));
        });
        return sb.toString();
    }

    private static Map<String, String> rounded(Map<String, Double> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.format(Locale.ROOT, "%.2f", v)));
        return out;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
