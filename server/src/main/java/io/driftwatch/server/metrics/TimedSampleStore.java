package io.driftwatch.server.metrics;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.Optional;
import io.driftwatch.engine.port.StreamPartition;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** A {@link SampleStore} that times every {@link #write} (a stream-processor flush) and delegates everything. */
final class TimedSampleStore implements SampleStore {
    private final SampleStore delegate;
    private final Timer writes;

    TimedSampleStore(SampleStore delegate, Timer writes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /** The partition's view of the delegate, timed into the same timer. */
    @Override
    public SampleStore forPartition(StreamPartition partition) {
        return partition.single() ? this : new TimedSampleStore(delegate.forPartition(partition), writes);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        long t0 = System.nanoTime();
        delegate.write(rows, nextOffset);
        writes.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        long t0 = System.nanoTime();
        delegate.write(rows, summaries, nextOffset);
        writes.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    @Override
    public Optional<WindowSummary> summary(String project, String uid, Window window) {
        return delegate.summary(project, uid, window);
    }

    @Override
    public List<CellSummary> cellSummaries(String project, String uid, Window range) {
        return delegate.cellSummaries(project, uid, range);
    }

    @Override
    public long storedOffset() {
        return delegate.storedOffset();
    }

    @Override
    public SampleFrame read(String project, String uid, Window window) {
        return delegate.read(project, uid, window);
    }

    @Override
    public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        delegate.export(project, uid, start, end, format, out);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        delegate.deleteEndpoint(project, uid);
    }

    @Override
    public void deleteProject(String project) {
        delegate.deleteProject(project);
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        return delegate.deleteOlderThan(cutoff);
    }
}
