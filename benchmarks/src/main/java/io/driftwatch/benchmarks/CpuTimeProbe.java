package io.driftwatch.benchmarks;

import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CPU time (not wall time) of the per-column statistics kernels on one 1M-row column, from
 * {@link ThreadMXBean#getCurrentThreadCpuTime()}: a figure that other processes on a shared machine barely move,
 * unlike the JMH wall times. Multiplying by the number of features and dividing by the cores gives the wall time of
 * the 1M × 50 benchmarks on an idle machine (the kernels run one column per core, without locks).
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.driftwatch.benchmarks.CpuTimeProbe [rows]}.
 */
public final class CpuTimeProbe {
    private static final int WARMUP = 15;
    private static final int MEASURED = 11;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeProbe() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double[] values = SyntheticData.column(rows, 2, SyntheticData.WINDOW_SEED, true);
        Frame reference = Frame.of(Map.of("f", NumericColumn.wrap(
                SyntheticData.column(rows, 2, SyntheticData.REFERENCE_SEED, false), null)));
        Frame window = Frame.of(Map.of("f", NumericColumn.wrap(values, null)));
        FeatureStats stats = Statistics.reference(reference).stats();
        Histogram hist = ((NumericStats) stats.get("f").orElseThrow()).hist();
        System.out.printf("# CPU ms per column of %,d rows (median [min, max] of %d runs after %d warm-up)%n",
                rows, MEASURED, WARMUP);
        report("reference statistics (describe + 20-bin hist)", () -> Statistics.reference(reference));
        report("window statistics (describe + 22-bin padded hist)", () -> Statistics.window(window, stats));
        report("binning on padded edges only", () -> Histograms.binOnPadded(hist, values, values.length));
    }

    private static void report(String what, Supplier<Object> work) {
        double[] ms = new double[MEASURED];
        int sink = 0;
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink += System.identityHashCode(work.get()) & 1;
            long cpu = THREADS.getCurrentThreadCpuTime() - start;
            if (i >= WARMUP) {
                ms[i - WARMUP] = cpu / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%-52s %7.1f [%.1f, %.1f]%s%n", what, ms[MEASURED / 2], ms[0], ms[MEASURED - 1],
                sink < 0 ? "!" : "");
    }
}
