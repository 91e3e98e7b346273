package io.driftwatch.stats;

/**
 * One column of a {@link Frame}: numbers ({@link NumericColumn}) or categories ({@link CategoricalColumn},
 * strings or booleans). Nulls are allowed in both and are excluded from all statistics, but counted.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    /** The number of rows, nulls included. */
    int size();

    /** The number of null entries. */
    long nullCount();
}
