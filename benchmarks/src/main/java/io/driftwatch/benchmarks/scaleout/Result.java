package io.driftwatch.benchmarks.scaleout;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one {@link Run}, as Markdown table rows. An <em>event</em> is one MLRun tracking event (one stream
 * record, what one ingest request of one model call carries), with {@code rows} prediction rows of 20 features.
 *
 * <p>CPU per event, over the measured period, divided by the events the processor applied in it:
 * <ul>
 *   <li>per component inside this JVM: the CPU of this JVM's Java threads ({@code /proc/self/task}, every thread
 *       except GC/VM, JIT compiler, JFR's own and unnamed native threads) split in proportion to the JFR stack samples of each
 *       component ({@link StackProfile});</li>
 *   <li>{@code gc+vm}, {@code jit}, {@code native} (DuckDB's own worker threads): those OS threads' CPU;</li>
 *   <li>{@code broker}: the Kafka broker process; {@code db}: the database server (see {@link Target});</li>
 *   <li>further processes of an HTTP run ({@link HttpRun}): s3proxy, and the load generator's whole JVM.</li>
 * </ul>
 */
record Result(String target, Run.Settings settings, double seconds, Run.Snapshot s0, Run.Snapshot s1,
              List<Long> lags, Map<String, Long> samples, double drainSeconds, long failedAppends) {

    static final String THROUGHPUT_HEADER = "| target | offered ev/s | acked ev/s | applied ev/s | applied rows/s "
            + "| lag start / mid / end / max (events) | drain s | failed appends | load avg |\n"
            + "|---|---|---|---|---|---|---|---|---|";

    long applied() {
        return s1.events() - s0.events();
    }

    String throughputRow() {
        long mid = lags.get(lags.size() / 2);
        long max = lags.stream().mapToLong(Long::longValue).max().orElse(0);
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,d / %,d / %,d / %,d | %s | %d "
                        + "| %.1f–%.1f |", target, settings.rate(), (s1.acked() - s0.acked()) / seconds,
                applied() / seconds, (s1.rows() - s0.rows()) / seconds, lags.getFirst(), mid, lags.getLast(), max,
                drainSeconds < 0 ? "not drained in 300" : String.format(Locale.ROOT, "%.1f", drainSeconds),
                failedAppends, s0.load(), s1.load());
    }

    /** µs of CPU per applied event, per component (see the class comment), in a stable order. */
    Map<String, Double> cpuPerEvent() {
        Map<String, Double> threads = ThreadCpu.minus(s1.threads(), s0.threads());
        double jvmJava = 0;
        for (Map.Entry<String, Double> e : threads.entrySet()) {
            if (!List.of("gc+vm", "jit", "native", "jfr").contains(e.getKey())) {
                jvmJava += e.getValue();
            }
        }
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        double perEvent = 1e6 / Math.max(1, applied());
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : samples.entrySet()) {
            out.put(e.getKey(), jvmJava * e.getValue() / Math.max(1, total) * perEvent);
        }
        for (String g : List.of("gc+vm", "jit", "native")) {
            out.put(g, threads.getOrDefault(g, 0.0) * perEvent);
        }
        out.put("kafka broker (process)", (s1.broker() - s0.broker()) * perEvent);
        out.put("database server", Target.delta(s0.db(), s1.db()) * perEvent);
        s1.processes().forEach((name, sec) -> out.put(name, (sec - s0.processes().getOrDefault(name, 0.0))
                * perEvent));
        return out;
    }

    /** Thread-group CPU seconds over the period (for the raw table). */
    Map<String, Double> threadSeconds() {
        return ThreadCpu.minus(s1.threads(), s0.threads());
    }
}
