package io.driftwatch;

import java.util.Objects;

/**
 * Statistics of a numeric column, pandas {@code describe} semantics: sample std (n−1; NaN for one value),
 * linear-interpolated quantiles, nulls/NaN excluded. {@code hist} is the 20-bin equal-width histogram over
 * [min, max] for a reference, or the histogram on the reference's padded edges for a window.
 * Values are NaN where undefined (e.g. all statistics of an empty column, std of a single value).
 */
public record NumericStats(long count, double mean, double std, double min, double p25, double p50, double p75,
                           double max, Histogram hist) implements ColumnStats {
    public NumericStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        Objects.requireNonNull(hist, "hist");
    }
}
