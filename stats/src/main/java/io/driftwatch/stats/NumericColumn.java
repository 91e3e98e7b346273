package io.driftwatch.stats;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A column of doubles held in a primitive array, with an optional null mask. A null entry reads as NaN from
 * {@link #value(int)}; {@link #isNull(int)} tells a null from a NaN that was in the data. Memory: 8 bytes per
 * row plus 1 bit per row when the column has nulls (1M rows: 8 MB). Immutable once built.
 */
public final class NumericColumn implements Column {
    private final double[] values;
    private final BitSet nulls;
    private final long nullCount;

    private NumericColumn(double[] values, BitSet nulls) {
        this.values = values;
        this.nulls = nulls == null || nulls.isEmpty() ? null : nulls;
        this.nullCount = this.nulls == null ? 0 : this.nulls.cardinality();
        if (this.nulls != null) {
            if (this.nulls.length() > values.length) {
                throw new IllegalArgumentException("null mask marks row " + (this.nulls.length() - 1)
                        + " but the column has " + values.length + " rows");
            }
            for (int i = this.nulls.nextSetBit(0); i >= 0; i = this.nulls.nextSetBit(i + 1)) {
                values[i] = Double.NaN;
            }
        }
    }

    /** A column of the given values (copied), without nulls; NaN entries are NaN, not null. */
    public static NumericColumn of(double... values) {
        return new NumericColumn(values.clone(), null);
    }

    /** A column of the given values (copied) where the set bits of {@code nulls} mark null rows. */
    public static NumericColumn of(double[] values, BitSet nulls) {
        return new NumericColumn(values.clone(), nulls == null ? null : (BitSet) nulls.clone());
    }

    /**
     * A column over the given array without copying it (the fast path for large frames): the caller hands the
     * array over and must not modify it afterwards. Entries marked in {@code nulls} (may be null) are set to NaN.
     */
    public static NumericColumn wrap(double[] values, BitSet nulls) {
        return new NumericColumn(values, nulls);
    }

    /** A column of boxed numbers; a null element is a null entry. */
    public static NumericColumn ofBoxed(Number... values) {
        double[] v = new double[values.length];
        BitSet nulls = new BitSet();
        for (int i = 0; i < v.length; i++) {
            if (values[i] == null) {
                nulls.set(i);
            } else {
                v[i] = values[i].doubleValue();
            }
        }
        return new NumericColumn(v, nulls);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public long nullCount() {
        return nullCount;
    }

    /** The value of row {@code i}; NaN for a null. */
    public double value(int i) {
        return values[i];
    }

    public boolean isNull(int i) {
        return nulls != null && nulls.get(i);
    }

    /** A copy of the values (NaN at null rows). */
    public double[] values() {
        return values.clone();
    }

    /** The backing array, for the statistics kernels in this package (no copy). */
    double[] raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && Arrays.equals(values, c.values)
                && (nulls == null ? c.nulls == null : nulls.equals(c.nulls));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NumericColumn[size=" + values.length + ", nulls=" + nullCount + "]";
    }
}
