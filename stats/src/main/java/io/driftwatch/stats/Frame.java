package io.driftwatch.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small columnar table: named columns of equal length, in order. Numeric columns are primitive
 * {@code double[]} (1M rows × 50 columns = 400 MB of doubles, no boxing), categorical columns hold strings.
 *
 * <p>From rows, a column's type follows pandas' inference: all non-null values are {@link Number} → numeric;
 * all {@link Boolean} → boolean; anything else (strings, mixed types, nested values) → categorical of
 * {@link String#valueOf(Object)} (pandas {@code object}). A column with only nulls is numeric (all null).
 * Converting rows costs one pass per column (~10 ns per cell, boxed input).
 */
public final class Frame {
    private final Map<String, Column> columns;
    private final int rows;

    private Frame(Map<String, Column> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * A frame of the given columns (order kept).
     *
     * @throws IllegalArgumentException if columns differ in length or a name is null/blank
     */
    public static Frame of(Map<String, ? extends Column> columns) {
        int rows = -1;
        for (Map.Entry<String, ? extends Column> e : columns.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("column names must not be blank");
            }
            int n = e.getValue().size();
            if (rows >= 0 && n != rows) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' has " + n + " rows, expected " + rows);
            }
            rows = n;
        }
        return new Frame(Collections.unmodifiableMap(new LinkedHashMap<>(columns)), Math.max(rows, 0));
    }

    /** A frame with no columns and no rows. */
    public static Frame empty() {
        return new Frame(Map.of(), 0);
    }

    /**
     * A frame from positional rows: {@code rows.get(r)[c]} is the value of column {@code names.get(c)}.
     *
     * @throws IllegalArgumentException if a row's length differs from the number of names
     */
    public static Frame fromRows(List<String> names, List<Object[]> rows) {
        requireDistinct(names);
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != names.size()) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).length + " values, expected "
                        + names.size() + " (" + names + ")");
            }
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        Object[] cells = new Object[rows.size()];
        for (int c = 0; c < names.size(); c++) {
            for (int r = 0; r < cells.length; r++) {
                cells[r] = rows.get(r)[c];
            }
            cols.put(names.get(c), toColumn(cells));
        }
        return new Frame(Collections.unmodifiableMap(cols), rows.size());
    }

    /**
     * A frame from rows as maps. Columns are the union of all keys in first-seen order; a missing key is a null.
     */
    public static Frame fromMaps(List<? extends Map<String, ?>> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, ?> row : rows) {
            names.addAll(row.keySet());
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        Object[] cells = new Object[rows.size()];
        for (String name : names) {
            for (int r = 0; r < cells.length; r++) {
                cells[r] = rows.get(r).get(name);
            }
            cols.put(name, toColumn(cells));
        }
        return new Frame(Collections.unmodifiableMap(cols), rows.size());
    }

    /** Builds one column from boxed cells, inferring its type as described in the class comment. */
    static Column toColumn(Object[] cells) {
        boolean numeric = true;
        boolean bool = true;
        for (Object v : cells) {
            if (v != null) {
                numeric &= v instanceof Number;
                bool &= v instanceof Boolean;
            }
        }
        if (numeric) {
            double[] values = new double[cells.length];
            BitSet nulls = new BitSet();
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] == null) {
                    nulls.set(i);
                } else {
                    values[i] = ((Number) cells[i]).doubleValue();
                }
            }
            return NumericColumn.wrap(values, nulls);
        }
        String[] s = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            s[i] = cells[i] == null ? null : String.valueOf(cells[i]);
        }
        return CategoricalColumn.wrap(s, bool);
    }

    private static void requireDistinct(List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank() || !seen.add(n)) {
                throw new IllegalArgumentException("column names must be non-blank and distinct: " + names);
            }
        }
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** Column names in order. */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** All columns in order; unmodifiable. */
    public Map<String, Column> columns() {
        return columns;
    }

    /** A frame with only the named columns that exist here, in the given order. */
    public Frame select(List<String> names) {
        Map<String, Column> cols = new LinkedHashMap<>();
        for (String n : names) {
            Column c = columns.get(n);
            if (c != null) {
                cols.put(n, c);
            }
        }
        return new Frame(Collections.unmodifiableMap(cols), rows);
    }

    @Override
    public String toString() {
        return "Frame[rows=" + rows + ", columns=" + columns.keySet() + "]";
    }
}
