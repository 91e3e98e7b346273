package io.driftwatch.benchmarks;

import io.driftwatch.Result;
import io.driftwatch.ResultStatus;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.DriftThresholds;
import io.driftwatch.stats.Distances;
import io.driftwatch.stats.HistogramDrift;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * MLRun's histogram data drift (DESIGN.md §6) over 50 features: from pre-binned 22-bin histograms (distances only,
 * and {@link HistogramDrift} with its report). Times in microseconds; the end-to-end drift
 * from a raw 1M × 50 window is {@link DriftEndToEndBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class DriftBenchmark {
    private static final HistogramDrift DRIFT = HistogramDrift.create();

    /**
     * 3. The three distances per feature on the 50 pre-binned 22-bin histograms (normalised by count), their means,
     * general drift and its status: the arithmetic kernel of the decision, without maps or reports.
     */
    @Benchmark
    public ResultStatus distances(PreBinnedData data, Blackhole bh) {
        int n = data.windowCounts.length;
        double tvd = 0;
        double hellinger = 0;
        double kld = 0;
        for (int j = 0; j < n; j++) {
            double[] t = normalised(data.windowCounts[j], data.windowTotals[j]);
            double[] u = normalised(data.referenceCounts[j], data.referenceTotals[j]);
            tvd += Distances.tvd(t, u);
            hellinger += Distances.hellinger(t, u);
            kld += Distances.kld(t, u);
        }
        double general = (tvd / n + hellinger / n) / 2;
        bh.consume(kld / n);
        bh.consume(general);
        return DriftThresholds.DEFAULT.classify(general);
    }

    private static double[] normalised(double[] counts, double total) {
        double[] p = new double[counts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = counts[i] / total;
        }
        return p;
    }

    /** 5. {@link HistogramDrift} from pre-binned window statistics ({@code current_stats}) to its report. */
    @Benchmark
    public DriftReport driftFromPreBinned(PreBinnedData data) {
        return DRIFT.compare(data.reference, data.window);
    }

    /**
     * 5b. As {@link #driftFromPreBinned} plus the {@code general_drift} result with its extra_data (current_stats as
     * JSON-ready maps, drift_measures): what the histogram-data-drift app hands to the writer.
     */
    @Benchmark
    public Optional<Result> driftResultFromPreBinned(PreBinnedData data) {
        return DRIFT.compare(data.reference, data.window).result();
    }
}
