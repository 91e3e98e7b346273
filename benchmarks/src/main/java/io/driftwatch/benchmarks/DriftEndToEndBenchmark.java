package io.driftwatch.benchmarks;

import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.HistogramDrift;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * 4. Histogram data drift end to end from raw values (DESIGN.md §6): the reference statistics are given
 * (precomputed at log_model), the raw 1M × 50 window is profiled (describe + binning on the padded reference
 * edges, {@code current_stats}), then the three distances per feature and general drift. Target ≤ 1 s on 2 cores.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class DriftEndToEndBenchmark {
    private static final HistogramDrift DRIFT = HistogramDrift.create();

    @Benchmark
    public DriftReport driftFromRawWindow(WindowData data) {
        return DRIFT.compare(data.reference, data.window);
    }
}
