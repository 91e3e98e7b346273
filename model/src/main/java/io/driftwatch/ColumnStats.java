package io.driftwatch;

/**
 * Statistics of one column (feature or label) of a data set or window, in the form of DESIGN.md §5
 * (pandas {@code describe} plus a histogram).
 */
public sealed interface ColumnStats permits NumericStats, CategoricalStats {
    /** The number of non-null values described. */
    long count();
}
