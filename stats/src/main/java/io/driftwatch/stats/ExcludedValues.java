package io.driftwatch.stats;

/**
 * What the statistics of one column left out, so that nothing disappears silently: nulls, NaN, and ±Inf.
 * Nulls and NaN are excluded from every statistic (pandas semantics). ±Inf are excluded from mean, std, quantiles,
 * min and max; in a reference they are also left out of {@code count} and {@code hist} (a histogram over
 * [min, max] has no place for them); in a window they are counted and binned into the underflow/overflow bins.
 */
public record ExcludedValues(long nulls, long nans, long positiveInfinities, long negativeInfinities) {
    public static final ExcludedValues NONE = new ExcludedValues(0, 0, 0, 0);

    public ExcludedValues {
        if (nulls < 0 || nans < 0 || positiveInfinities < 0 || negativeInfinities < 0) {
            throw new IllegalArgumentException("excluded counts must be >= 0");
        }
    }

    /** Nulls plus NaN: the values pandas treats as missing. */
    public long missing() {
        return nulls + nans;
    }

    /** True if nothing was left out. */
    public boolean isNone() {
        return nulls == 0 && nans == 0 && positiveInfinities == 0 && negativeInfinities == 0;
    }
}
