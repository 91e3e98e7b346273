package io.driftwatch.stats.summary;

import io.driftwatch.ColumnStats;
import java.util.List;
import java.util.Optional;

/**
 * The mergeable summary of one endpoint-window (or of any set of its rows): the row count and one
 * {@link ColumnSummary} per column. {@link #merge} is associative and commutative (columns are matched by name; a
 * column that one side lacks counts that side's rows as nulls, as the Parquet reader's {@code union_by_name} does),
 * so summaries built per flush, per partition and per instance add up to the window's with no coordination.
 *
 * <p>Serialized form ({@link #toByteArray()}, versioned, pinned by golden files in the tests):
 * magic {@code "DWWS"}, a 2-byte version (1), the row count, then per column its name and fields (see
 * {@code SummaryCodec}). Size: ~150 bytes per column plus 8 bytes per histogram bin plus the sketches (a KLL sketch
 * is 8 bytes per retained value, ≤ ~3 KB; frequent items ≤ ~5 KB). Reading or writing costs microseconds per column.
 * Mutable, not thread-safe.
 */
public interface WindowSummary {
    /** An empty summary (no rows, no columns). */
    static WindowSummary create() {
        return new DefaultWindowSummary();
    }

    /**
     * Reads a serialized summary.
     *
     * @throws IllegalArgumentException when the bytes are not a summary or of an unknown version
     */
    static WindowSummary fromByteArray(byte[] bytes) {
        return SummaryCodec.read(bytes);
    }

    long rows();

    /** Column names in first-seen order. */
    List<String> columnNames();

    Optional<ColumnSummary> column(String name);

    /**
     * The column's summary, created on first use binned on {@code reference} (may be null); a new column counts the
     * rows already added as nulls.
     */
    ColumnSummary column(String name, ColumnStats reference);

    /** Counts {@code n} more rows; call {@link #completeRows()} when rows may have lacked some columns. */
    void addRows(long n);

    /** Counts, in every column, the rows that did not update it as nulls. */
    void completeRows();

    /** Adds {@code other} into this summary ({@code other} is unchanged). */
    void merge(WindowSummary other);

    WindowSummary copy();

    byte[] toByteArray();
}
