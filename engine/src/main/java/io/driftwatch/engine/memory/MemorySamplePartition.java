package io.driftwatch.engine.memory;

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

/** {@link MemorySampleStore#forPartition}: writes and the stored offset of one partition; the rest is the store's. */
final class MemorySamplePartition implements SampleStore {
    private final MemorySampleStore store;
    private final StreamPartition partition;

    MemorySamplePartition(MemorySampleStore store, StreamPartition partition) {
        this.store = store;
        this.partition = partition;
    }

    @Override
    public SampleStore forPartition(StreamPartition other) {
        return store.forPartition(other);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        store.write(partition, rows, nextOffset);
    }

    @Override
    public void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        store.write(partition, rows, summaries, nextOffset);
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
        return store.storedOffset(partition);
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
