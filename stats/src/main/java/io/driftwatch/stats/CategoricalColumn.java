package io.driftwatch.stats;

import java.util.Arrays;

/**
 * A column of categories: strings, or booleans held as {@code "true"}/{@code "false"}. A null element is a null
 * entry. Memory: one reference per row (4–8 bytes) plus the strings, which are usually shared. Immutable.
 */
public final class CategoricalColumn implements Column {
    private final String[] values;
    private final boolean bool;
    private final long nullCount;

    private CategoricalColumn(String[] values, boolean bool) {
        this.values = values;
        this.bool = bool;
        long n = 0;
        for (String v : values) {
            if (v == null) {
                n++;
            }
        }
        this.nullCount = n;
    }

    /** A column of the given strings (copied); null elements are nulls. */
    public static CategoricalColumn of(String... values) {
        return new CategoricalColumn(values.clone(), false);
    }

    /** A boolean column; categories are {@code "true"} and {@code "false"}, null elements are nulls. */
    public static CategoricalColumn ofBooleans(Boolean... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = values[i] == null ? null : values[i].toString();
        }
        return new CategoricalColumn(s, true);
    }

    /**
     * A categorical (or, with {@code bool}, boolean) column that takes the array without copying it; the caller
     * must not modify it afterwards. For readers that fill their own arrays (DuckDB's frame reader).
     */
    public static CategoricalColumn wrap(String[] values, boolean bool) {
        return new CategoricalColumn(values, bool);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public long nullCount() {
        return nullCount;
    }

    /** True for a boolean column. */
    public boolean isBoolean() {
        return bool;
    }

    /** The category of row {@code i}, or null. */
    public String value(int i) {
        return values[i];
    }

    String[] raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && bool == c.bool && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CategoricalColumn[size=" + values.length + ", nulls=" + nullCount + (bool ? ", boolean" : "") + "]";
    }
}
