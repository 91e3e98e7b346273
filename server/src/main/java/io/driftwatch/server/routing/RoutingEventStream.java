package io.driftwatch.server.routing;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.engine.port.StreamUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The server's stream, except that a keyed append and a project's stream creation and deletion go to the stream of
 * the project's backends ({@link ProjectRouting}). It is never its own single-partition view
 * ({@link #partition} answers the server stream's), so ingest always appends keyed by project. Reads, commits and
 * offsets are the server stream's (a set's processor reads its own stream). {@link #close()} closes nothing: the
 * streams belong to the server and to the router.
 */
final class RoutingEventStream implements EventStream {
    private final EventStream stream;
    private final ProjectRouting routing;

    RoutingEventStream(EventStream stream, ProjectRouting routing) {
        this.stream = stream;
        this.routing = routing;
    }

    @Override
    public long append(List<byte[]> records) {
        return stream.append(records);
    }

    @Override
    public void append(String project, String key, List<byte[]> records) {
        EventStream target;
        try {
            target = routing.of(project).stream();
        } catch (RuntimeException e) { // the project's backends did not open: nothing acknowledged, retry later
            throw new StreamUnavailableException("the stream of project '" + project + "' is not open: "
                    + BackendUri.mask(String.valueOf(e.getMessage())), e);
        }
        target.append(project, key, records);
    }

    @Override
    public void createProject(String project) {
        routing.of(project).stream().createProject(project);
    }

    @Override
    public void deleteProject(String project) {
        routing.of(project).stream().deleteProject(project);
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) throws InterruptedException {
        return stream.read(fromOffset, maxRecords, maxWait);
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        stream.commit(consumer, nextOffset);
    }

    @Override
    public long committed(String consumer) {
        return stream.committed(consumer);
    }

    @Override
    public long endOffset() {
        return stream.endOffset();
    }

    @Override
    public AppendStats appendStats() {
        return stream.appendStats();
    }

    @Override
    public long lag(String consumer) {
        return stream.lag(consumer);
    }

    @Override
    public List<StreamPartition> partitions() {
        return stream.partitions();
    }

    @Override
    public boolean keyed() {
        // the same rule as partition(SINGLE) below: plain appends only while every project is on the server's stream
        return stream.keyed() || !routing.serverOnly();
    }

    @Override
    public EventStream partition(StreamPartition partition) {
        EventStream view = stream.partition(partition);
        // while every project is served by the server's single-partition stream, plain appends stay plain (the
        // ingest answer keeps its offset); once a project has backends of its own, every append is keyed
        return view == stream && routing.serverOnly() ? this : view;
    }

    @Override
    public void subscribe(String group, Assignment listener) {
        stream.subscribe(group, listener);
    }

    @Override
    public void subscribe(String group, Predicate<String> projects, Assignment listener) {
        stream.subscribe(group, projects, listener);
    }

    @Override
    public void close() {
        // the server closes its stream, the router the sets'
    }
}
