package io.driftwatch.store.embedded.parquet;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.Optional;
import io.driftwatch.engine.port.StreamPartition;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * {@link ParquetSampleStore#forPartition}: writes and the stored offset of one partition (its own journal and file
 * names); reads, exports and deletions are the store's (they see the rows of every partition).
 */
final class ParquetSamplePartition implements SampleStore {
    private final ParquetSampleStore store;
    private final ParquetSampleStore.Cursor cursor;

    ParquetSamplePartition(ParquetSampleStore store, ParquetSampleStore.Cursor cursor) {
        this.store = store;
        this.cursor = cursor;
    }

    @Override
    public SampleStore forPartition(StreamPartition partition) {
        return store.forPartition(partition);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        store.write(cursor, rows, List.of(), nextOffset);
    }

    @Override
    public void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        store.write(cursor, rows, summaries, nextOffset);
    }

    @Override
    public Optional<WindowSummary> summary(String project, String uid, Window window) {
        return store.summary(project, uid, window);
    }

    @Override
    public List<CellSummary> cellSummaries(String project, String uid, Window range) {
        return store.cellSummaries(project, uid, range);
    }

    @Override
    public long storedOffset() {
        return cursor.stored;
    }

    @Override
    public SampleFrame read(String project, String uid, Window window) {
        return store.read(project, uid, window);
    }

    @Override
    public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        store.export(project, uid, start, end, format, out);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        store.deleteEndpoint(project, uid);
    }

    @Override
    public void deleteProject(String project) {
        store.deleteProject(project);
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        return store.deleteOlderThan(cutoff);
    }
}
