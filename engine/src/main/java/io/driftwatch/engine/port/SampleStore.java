package io.driftwatch.engine.port;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.driftwatch.stats.summary.WindowSummary;

/**
 * Port: the raw prediction rows of every endpoint (one row per prediction: features, outputs, metadata),
 * stored as Parquet in the layout of DESIGN.md §11 and read back per window.
 */
public interface SampleStore {
    /**
     * The view of this store that keeps its offset for {@code partition} ({@code (stream, partition) -> next offset},
     * stored in the same transaction as the effects): {@link #storedOffset} and the offset of
     * {@link #write} refer to that partition. Stores of a single-partition stream return themselves for
     * {@link StreamPartition#SINGLE}.
     *
     * @throws UnsupportedOperationException when the store keeps one offset only and {@code partition} is another
     */
    default SampleStore forPartition(StreamPartition partition) {
        if (partition.single()) {
            return this;
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps one stream offset only, not "
                + partition);
    }

    /**
     * Writes rows durably (one Parquet file for the batch) and records {@code nextOffset} as the stream position
     * up to which rows are stored; writing a range again after a crash must not duplicate rows.
     * A write whose {@code nextOffset <= storedOffset()} is a replay and changes nothing; a write of no rows
     * with a larger offset only advances the offset (the stream processor does that on its time flush).
     */
    void write(List<SampleRow> rows, long nextOffset);

    /**
     * {@link #write(List, long)} with the summaries of those rows per endpoint and window-grid cell (built by the
     * stream processor), stored with the rows in the same commit so that a replay overwrites both (exactly once).
     * Stores that keep no summaries ignore them (the default); the apps then read the rows.
     */
    default void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        write(rows, nextOffset);
    }

    /**
     * The summary of an endpoint's rows with {@code start <= timestamp < end}, merged from the stored cell summaries;
     * empty when the store keeps none, when some rows of the window were stored without one (written before
     * summaries existed, or by a store that ignores them) or when the window is not a union of whole cells.
     */
    default Optional<WindowSummary> summary(String project, String uid, Window window) {
        return Optional.empty();
    }

    /**
     * Every stored cell summary of the endpoint whose cell overlaps {@code range} (drift over any range, docs/api.md
     * "Drift over a range"), including the pieces of such a cell kept in hours after {@code range.end()} (a cell that
     * spans hours has one piece per hour). No row is read. Rows stored without a summary are not represented; stores
     * that keep no summaries return none (the default).
     */
    default List<CellSummary> cellSummaries(String project, String uid, Window range) {
        return List.of();
    }

    /** The stream offset up to which rows are durably stored (0 when none). */
    long storedOffset();

    /** The rows of an endpoint with {@code start <= timestamp < end}. */
    SampleFrame read(String project, String uid, Window window);

    /** Writes an endpoint's rows in {@code [start, end)} to {@code out} as parquet, csv or json. */
    void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException;

    /** Deletes every file of the endpoint. */
    void deleteEndpoint(String project, String uid);

    /** Deletes every file of every endpoint of the project. */
    void deleteProject(String project);

    /**
     * Retention: removes the rows with {@code timestamp < cutoff}. Stores that keep rows in hourly files may keep
     * the rows of the hour that holds the cutoff (they delete whole files whose hour ended at or before it).
     *
     * @return how many files (or rows, for stores without files) were removed
     */
    long deleteOlderThan(Instant cutoff);

    /**
     * One prediction row.
     *
     * @param values feature and label columns by name, in order: Double, Long, String, Boolean or null
     */
    record SampleRow(String project, String uid, Instant timestamp, String requestId, long latencyMicros,
                     Map<String, Object> values, Map<String, String> labels) {
    }
}
