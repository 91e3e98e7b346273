package io.driftwatch.benchmarks;

import io.driftwatch.FeatureStats;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.RowValues;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import io.driftwatch.stats.summary.ColumnSummary;
import io.driftwatch.stats.summary.WindowSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 17 point 6: the stream processor's added work per row for the window summaries, as its sample writer does it
 * for one flush ({@code WindowSummarizer.summarize} then {@code CellSummary.encode} for the sidecar): {@value #FLUSH}
 * rows of {@code features} boxed doubles ({@link RowValues}, as the processor's rows hold them) from
 * {@value #ENDPOINTS} endpoints, one cell each, grouped by endpoint × hour × cell, every value into its column's
 * moments, min/max, histogram on the reference's padded edges and KLL sketch; then every cell serialized. The score
 * is nanoseconds per row; compare it with the ingest CPU per row of the pipeline benchmarks (docs/benchmarks.md).
 * Run with JMH ({@code org.openjdk.jmh.Main SummaryUpkeepBenchmark}, wall time per row: on a loaded machine the other
 * processes' share shows in it) or with this class's {@code main} (thread CPU time per row after warm-up, which the
 * load barely moves), both on the class path of {@code benchmarks/controller-cycle.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseCompactObjectHeaders"})
@State(Scope.Benchmark)
public class SummaryUpkeepBenchmark {
    static final int FLUSH = 10_000;
    static final int ENDPOINTS = 10;
    private static final Duration BASE = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Param({"20"})
    int features;

    private List<String> uids;
    private List<RowValues> rows;
    private List<Instant> times;
    private FeatureStats reference;

    private record Key(String uid, long hour, Instant cell) {
    }

    @Setup
    public void setup() {
        Random r = new Random(3);
        List<String> names = new ArrayList<>();
        Map<String, NumericColumn> cols = new LinkedHashMap<>();
        for (int f = 0; f < features; f++) {
            names.add("f" + f);
            double[] v = new double[5_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
            cols.put("f" + f, NumericColumn.wrap(v, null));
        }
        reference = Statistics.reference(Frame.of(cols)).stats();
        List<String> shared = List.copyOf(names);
        rows = new ArrayList<>(FLUSH);
        times = new ArrayList<>(FLUSH);
        uids = new ArrayList<>(FLUSH);
        for (int i = 0; i < FLUSH; i++) {
            Object[] values = new Object[features];
            for (int f = 0; f < features; f++) {
                values[f] = r.nextGaussian() * 1.1 + 0.2; // boxed, as decoded from the event
            }
            rows.add(RowValues.of(shared, values));
            times.add(T0.plusMillis(i * 50L));
            uids.add("e" + (i % ENDPOINTS));
        }
    }

    /** Thread CPU time per row over {@code args[0]} flushes (default 200) after as many warm-up flushes. */
    public static void main(String[] args) {
        int flushes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        SummaryUpkeepBenchmark b = new SummaryUpkeepBenchmark();
        b.features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        b.setup();
        long sink = 0;
        for (int i = 0; i < flushes; i++) {
            sink += b.summarizeAndEncodeFlush();
        }
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < flushes; i++) {
                sink += b.summarizeAndEncodeFlush();
            }
            double perRow = (threads.getCurrentThreadCpuTime() - t0) / (double) flushes / FLUSH;
            System.out.printf("round %d: %.0f ns CPU per %d-feature row (summaries + sidecar encoding), load %.1f%n",
                    round + 1, perRow, b.features, io.driftwatch.benchmarks.pipeline.ProcessProbe.loadAverage());
        }
        System.out.println(sink > 0 ? "" : "no bytes");
    }

    /** One flush: group the rows by endpoint × hour × cell, update every column, serialize every cell. */
    @Benchmark
    @OperationsPerInvocation(FLUSH)
    public int summarizeAndEncodeFlush() {
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < FLUSH; i++) {
            Instant t = times.get(i);
            Window cell = CellSummary.cellOf(t, BASE);
            Key key = new Key(uids.get(i), CellSummary.hourOf(t), cell.start());
            Group g = groups.get(key);
            if (g == null) {
                g = new Group(new CellSummary("p", key.uid(), key.hour(), cell, WindowSummary.create()));
                groups.put(key, g);
            }
            g.add(rows.get(i), reference);
        }
        List<CellSummary> cells = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            g.cell.summary().completeRows();
            cells.add(g.cell);
        }
        return CellSummary.encode(cells).length;
    }

    /** As the processor's summarizer: the column summaries resolved once per distinct name list. */
    private static final class Group {
        final CellSummary cell;
        List<String> names;
        ColumnSummary[] columns;

        Group(CellSummary cell) {
            this.cell = cell;
        }

        void add(RowValues v, FeatureStats reference) {
            if (v.names() != names) {
                names = v.names();
                columns = new ColumnSummary[names.size()];
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = cell.summary().column(names.get(i), reference.get(names.get(i)).orElse(null));
                }
            }
            for (int i = 0; i < columns.length; i++) {
                columns[i].update(v.valueAt(i));
            }
            cell.summary().addRows(1);
        }
    }
}
