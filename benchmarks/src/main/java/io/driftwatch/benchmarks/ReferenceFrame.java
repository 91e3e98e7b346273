package io.driftwatch.benchmarks;

import io.driftwatch.stats.Frame;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The training data: {@link #rows} × {@link #features} normal doubles ({@link SyntheticData}), built once per trial.
 * Override the size with JMH's {@code -p rows=100000 -p features=10}.
 */
@State(Scope.Benchmark)
public class ReferenceFrame {
    /** Rows of the reference frame (default 1,000,000). */
    @Param("1000000")
    public int rows;
    /** Numeric features (default 50). */
    @Param("50")
    public int features;

    Frame frame;

    @Setup(Level.Trial)
    public void setUp() {
        frame = SyntheticData.frame(rows, features, SyntheticData.REFERENCE_SEED, false);
    }
}
