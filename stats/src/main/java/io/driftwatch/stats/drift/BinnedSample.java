package io.driftwatch.stats.drift;

/**
 * A window's numeric values as the {@code drift-tests} app sees them, without the values: the app maps every value
 * inside the training range to its bin's midpoint, so a sample is fully described by its counts per padded bin of the
 * reference histogram (finite values only) and, for the values outside the training range, their sums.
 *
 * @param counts        finite values per padded bin (bin 0 below the first real edge, the last bin above the last)
 * @param underflowSum  the sum of the finite values in bin 0
 * @param overflowSum   the sum of the finite values in the last bin
 * @param excluded      rows without a finite value (null, NaN, ±Inf, non-numeric)
 */
public record BinnedSample(long[] counts, double underflowSum, double overflowSum, long excluded) {
    public BinnedSample {
        counts = counts.clone();
    }

    /** The number of finite values. */
    public long size() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
