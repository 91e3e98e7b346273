package io.driftwatch.benchmarks;

import io.driftwatch.stats.drift.DriftTestResult;
import io.driftwatch.stats.drift.DriftTests;
import io.driftwatch.stats.drift.NumericDriftTest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * 6. The further drift tests of {@code io.driftwatch.stats.drift} on one numeric feature, {@link #size} reference
 * values vs {@link #size} window values (default 100k vs 100k), for scale: each call sorts both samples. Two
 * windows: one from the reference's distribution ({@code shifted=false}, KS takes its asymptotic p-value path) and
 * one shifted by one standard deviation ({@code shifted=true}, KS reports the tail bound).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class DriftTestsBenchmark {
    private static final NumericDriftTest KS = DriftTests.ks();
    private static final NumericDriftTest PSI = DriftTests.psiNumeric();
    private static final NumericDriftTest WASSERSTEIN = DriftTests.wasserstein();

    /** Values per side. */
    @Param("100000")
    public int size;
    /** Whether the window is drawn from a shifted distribution. */
    @Param({"false", "true"})
    public boolean shifted;

    private double[] reference;
    private double[] window;

    @Setup(Level.Trial)
    public void setUp() {
        reference = SyntheticData.column(size, 2, SyntheticData.REFERENCE_SEED, false);
        window = SyntheticData.column(size, 2, SyntheticData.WINDOW_SEED, shifted);
    }

    @Benchmark
    public DriftTestResult ks() {
        return KS.test(reference, window);
    }

    @Benchmark
    public DriftTestResult psi() {
        return PSI.test(reference, window);
    }

    @Benchmark
    public DriftTestResult wasserstein() {
        return WASSERSTEIN.test(reference, window);
    }
}
