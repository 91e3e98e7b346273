package io.driftwatch.benchmarks;

import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Deterministic synthetic frames for the benchmarks: feature {@code f<j>} is normal with mean {@code j − 25} and
 * standard deviation {@code 1 + j mod 7}, drawn from a {@link SplittableRandom} seeded per feature, so the data is the
 * same on every run and can be generated in parallel (~1–2 s for 1M × 50 on 2 cores). A shifted window moves every
 * even-numbered feature by one standard deviation and widens it by 20%, so half the features drift.
 * Memory: 8 bytes per cell (1M × 50 = 400 MB).
 */
final class SyntheticData {
    /** Seed of the reference (training) data. */
    static final long REFERENCE_SEED = 20_261_122L;
    /** Seed of the window data (different draws from the same or shifted distributions). */
    static final long WINDOW_SEED = 42L;

    private SyntheticData() {
    }

    /** A frame of {@code rows} × {@code features} doubles; {@code shifted} drifts the even-numbered features. */
    static Frame frame(int rows, int features, long seed, boolean shifted) {
        if (rows < 1 || features < 1) {
            throw new IllegalArgumentException("rows and features must be >= 1, got " + rows + " × " + features);
        }
        double[][] columns = new double[features][];
        IntStream.range(0, features).parallel().forEach(j -> columns[j] = column(rows, j, seed, shifted));
        Map<String, NumericColumn> named = new LinkedHashMap<>();
        for (int j = 0; j < features; j++) {
            named.put(name(j), NumericColumn.wrap(columns[j], null));
        }
        return Frame.of(named);
    }

    /** One feature's values: normal(mean, sd) as described in the class comment. */
    static double[] column(int rows, int feature, long seed, boolean shifted) {
        double sd = 1 + feature % 7;
        double mean = feature - 25;
        if (shifted && feature % 2 == 0) {
            mean += sd;
            sd *= 1.2;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + feature);
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = mean + sd * random.nextGaussian();
        }
        return v;
    }

    /** The column name of feature {@code j}. */
    static String name(int j) {
        return "f" + j;
    }
}
