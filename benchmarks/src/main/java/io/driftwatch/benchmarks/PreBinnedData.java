package io.driftwatch.benchmarks;

import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.Statistics;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * Reference and window statistics already computed (the window binned on the reference's padded edges: 22 bins per
 * feature), built once per trial from a {@link #rows} × {@link #features} reference and a shifted window; both
 * frames are dropped afterwards. Also the 22-bin counts and totals as plain arrays for the distance kernel.
 */
@State(Scope.Benchmark)
public class PreBinnedData {
    /** Rows the statistics were computed from (default 1,000,000). */
    @Param("1000000")
    public int rows;
    /** Numeric features (default 50). */
    @Param("50")
    public int features;

    FeatureStats reference;
    FeatureStats window;
    /** Padded reference counts per feature (22 bins). */
    double[][] referenceCounts;
    double[] referenceTotals;
    /** Window counts on the padded reference edges per feature (22 bins). */
    double[][] windowCounts;
    double[] windowTotals;

    @Setup(Level.Trial)
    public void setUp() {
        reference = Statistics.reference(SyntheticData.frame(rows, features, SyntheticData.REFERENCE_SEED, false))
                .stats();
        window = Statistics.window(SyntheticData.frame(rows, features, SyntheticData.WINDOW_SEED, true), reference)
                .stats();
        List<String> names = reference.names();
        int n = names.size();
        referenceCounts = new double[n][];
        referenceTotals = new double[n];
        windowCounts = new double[n][];
        windowTotals = new double[n];
        for (int j = 0; j < n; j++) {
            NumericStats r = (NumericStats) reference.get(names.get(j)).orElseThrow();
            NumericStats w = (NumericStats) window.get(names.get(j)).orElseThrow();
            referenceCounts[j] = Histograms.pad(r.hist()).counts();
            referenceTotals[j] = r.count();
            windowCounts[j] = w.hist().counts();
            windowTotals[j] = w.count();
            if (windowCounts[j].length != referenceCounts[j].length) {
                throw new IllegalStateException("feature " + names.get(j) + ": window has " + windowCounts[j].length
                        + " bins, padded reference " + referenceCounts[j].length);
            }
        }
    }
}
