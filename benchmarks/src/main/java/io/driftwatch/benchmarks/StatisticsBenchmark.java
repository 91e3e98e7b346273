package io.driftwatch.benchmarks;

import io.driftwatch.Histogram;
import io.driftwatch.stats.DataProfile;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.Statistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Reference and window statistics over 1M rows × 50 numeric features (DESIGN.md §5, §6). Each invocation takes
 * about a second, so every invocation is timed on its own ({@link Mode#SingleShotTime}): 2 warm-up + 5 measured
 * shots per benchmark, one fork.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class StatisticsBenchmark {

    /** 1. Reference {@code feature_stats}: describe (count, mean, std, min, quartiles, max) + 20-bin histogram. */
    @Benchmark
    public DataProfile referenceStats(ReferenceFrame data) {
        return Statistics.reference(data.frame);
    }

    /** 2a. Window statistics ({@code current_stats}): describe + binning on the reference's padded edges. */
    @Benchmark
    public DataProfile windowStats(WindowData data) {
        return Statistics.window(data.window, data.reference);
    }

    /** 2b. Binning alone: every window value on the reference's padded 22 bins, features in parallel. */
    @Benchmark
    public Histogram[] windowBinning(WindowData data) {
        Histogram[] out = new Histogram[data.values.length];
        IntStream.range(0, out.length).parallel().forEach(j ->
                out[j] = Histograms.binOnPadded(data.referenceHists[j], data.values[j], data.values[j].length));
        return out;
    }
}
