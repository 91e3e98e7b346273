package io.driftwatch.benchmarks;

import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * A monitoring window against precomputed reference statistics, built once per trial: the reference
 * {@code feature_stats} (20 bins) of a {@link #rows} × {@link #features} training frame, and a window frame of the
 * same size in which half the features are shifted ({@link SyntheticData}). The training frame is dropped after its
 * statistics are computed, as in production (only {@code feature_stats} is stored with the endpoint).
 */
@State(Scope.Benchmark)
public class WindowData {
    /** Rows of the reference and of the window (default 1,000,000). */
    @Param("1000000")
    public int rows;
    /** Numeric features (default 50). */
    @Param("50")
    public int features;

    /** The reference statistics, MLRun's {@code feature_stats}. */
    FeatureStats reference;
    /** The raw window. */
    Frame window;
    /** Copies of the window's values per feature, in reference order (for the binning-only benchmark). */
    double[][] values;
    /** The reference's 20-bin histograms per feature, in the same order. */
    Histogram[] referenceHists;

    @Setup(Level.Trial)
    public void setUp() {
        reference = Statistics.reference(SyntheticData.frame(rows, features, SyntheticData.REFERENCE_SEED, false))
                .stats();
        window = SyntheticData.frame(rows, features, SyntheticData.WINDOW_SEED, true);
        List<String> names = reference.names();
        values = new double[names.size()][];
        referenceHists = new Histogram[names.size()];
        for (int j = 0; j < names.size(); j++) {
            values[j] = ((NumericColumn) window.columns().get(names.get(j))).values();
            referenceHists[j] = ((NumericStats) reference.get(names.get(j)).orElseThrow()).hist();
        }
    }
}
