package io.driftwatch.server.routing;

import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.Optional;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The sample store of each call's project for reads, exports and deletions ({@link ProjectRouting}); the writes and
 * offsets are the server's processor's (a set's processor writes to its own sample store directly).
 */
final class RoutingSampleStore implements SampleStore {
    private final ProjectRouting routing;

    RoutingSampleStore(ProjectRouting routing) {
        this.routing = routing;
    }

    private SampleStore of(String project) {
        return routing.of(project).samples();
    }

    @Override
    public SampleStore forPartition(StreamPartition partition) {
        return routing.defaults().samples().forPartition(partition);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        routing.defaults().samples().write(rows, nextOffset);
    }

    @Override
    public void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        routing.defaults().samples().write(rows, summaries, nextOffset);
    }

    @Override
    public Optional<WindowSummary> summary(String project, String uid, Window window) {
        return of(project).summary(project, uid, window);
    }

    @Override
    public List<CellSummary> cellSummaries(String project, String uid, Window range) {
        return of(project).cellSummaries(project, uid, range);
    }

    @Override
    public long storedOffset() {
        return routing.defaults().samples().storedOffset();
    }

    @Override
    public SampleFrame read(String project, String uid, Window window) {
        return of(project).read(project, uid, window);
    }

    @Override
    public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        of(project).export(project, uid, start, end, format, out);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        of(project).deleteEndpoint(project, uid);
    }

    @Override
    public void deleteProject(String project) {
        of(project).deleteProject(project);
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        return routing.sum(b -> b.samples().deleteOlderThan(cutoff));
    }
}
