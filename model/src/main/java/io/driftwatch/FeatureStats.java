package io.driftwatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-column statistics of a data set (a model's training set: the reference) or of a window (the sample),
 * keyed by column name in column order. This is MLRun's {@code feature_stats} / {@code current_stats}.
 */
public final class FeatureStats {
    private static final FeatureStats EMPTY = new FeatureStats(Map.of());
    private final Map<String, ColumnStats> columns;

    private FeatureStats(Map<String, ColumnStats> columns) {
        this.columns = columns;
    }

    /** Statistics of the given columns (copied, order kept). */
    public static FeatureStats of(Map<String, ? extends ColumnStats> columns) {
        return new FeatureStats(Collections.unmodifiableMap(new LinkedHashMap<>(columns)));
    }

    public static FeatureStats empty() {
        return EMPTY;
    }

    /** Column names in order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    public Optional<ColumnStats> get(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /** All columns, in order; unmodifiable. */
    public Map<String, ColumnStats> columns() {
        return columns;
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStats f && columns.equals(f.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureStats" + columns;
    }
}
