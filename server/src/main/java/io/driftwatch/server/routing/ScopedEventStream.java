package io.driftwatch.server.routing;

import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.engine.processor.ProjectStreams;
import io.driftwatch.engine.processor.StreamProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The stream one processor consumes when several processors (one per credential set) may see the same broker: its
 * consumer group is its own ({@code driftwatch-processor} for the server's set, {@code driftwatch-processor-{id}} for
 * a credential set), and of the partitions assigned it keeps those of shared streams (the embedded log) and of the
 * projects {@link ProjectRouting} serves from its backends ({@code monitoring_stream_{p}} of a project routed
 * elsewhere is left to that project's processor). So each project's events are processed once, by the processor
 * whose sink holds its data. A project whose route changes while its partitions are assigned keeps them here until
 * the next rebalance. Everything else is the stream's.
 */
final class ScopedEventStream implements EventStream {
    private final EventStream stream;
    private final ProjectRouting routing;
    private final Backends mine;
    private final String groupSuffix;

    ScopedEventStream(EventStream stream, ProjectRouting routing, Backends mine, String groupSuffix) {
        this.stream = stream;
        this.routing = routing;
        this.mine = mine;
        this.groupSuffix = groupSuffix;
    }

    /**
     * Subscribes the stream's group with the filter "a project this server knows and serves from these backends"
     * ({@link ProjectRouting#serves}), so a Kafka member is never assigned the topics of another deployment's projects
     * on the same broker; the partitions assigned are filtered again on the way to the listener.
     */
    @Override
    public void subscribe(String group, Assignment listener) {
        subscribe(group, project -> routing.serves(project, mine), listener);
    }

    @Override
    public void subscribe(String group, Predicate<String> projects, Assignment listener) {
        Set<StreamPartition> passed = ConcurrentHashMap.newKeySet();
        stream.subscribe(group + groupSuffix, projects, new Assignment() {
            @Override
            public void assigned(Collection<StreamPartition> partitions) {
                List<StreamPartition> own = partitions.stream().filter(ScopedEventStream.this::isMine).toList();
                passed.addAll(own);
                listener.assigned(own);
            }

            @Override
            public void revoked(Collection<StreamPartition> partitions) {
                List<StreamPartition> own = partitions.stream().filter(passed::remove).toList();
                listener.revoked(own);
            }
        });
    }

    private boolean isMine(StreamPartition p) {
        if (!p.stream().startsWith(ProjectStreams.PREFIX)) {
            return true;
        }
        return routing.of(p.stream().substring(ProjectStreams.PREFIX.length())) == mine;
    }

    @Override
    public long append(List<byte[]> records) {
        return stream.append(records);
    }

    @Override
    public void append(String project, String key, List<byte[]> records) {
        stream.append(project, key, records);
    }

    @Override
    public void createProject(String project) {
        stream.createProject(project);
    }

    @Override
    public void deleteProject(String project) {
        stream.deleteProject(project);
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) throws InterruptedException {
        return stream.read(fromOffset, maxRecords, maxWait);
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        stream.commit(group(consumer), nextOffset);
    }

    @Override
    public long committed(String consumer) {
        return stream.committed(group(consumer));
    }

    /** The processor's group name is this stream's own group (its commits serve lag monitoring). */
    private String group(String consumer) {
        return consumer.equals(StreamProcessor.GROUP) ? consumer + groupSuffix : consumer;
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
    public List<StreamPartition> partitions() {
        return stream.partitions();
    }

    @Override
    public boolean keyed() {
        return stream.keyed();
    }

    @Override
    public EventStream partition(StreamPartition partition) {
        EventStream view = stream.partition(partition);
        return groupSuffix.isEmpty() || view == stream ? view
                : new ScopedEventStream(view, routing, mine, groupSuffix);
    }

    @Override
    public void close() {
        // the stream's owner (the server, or the router for a set) closes it
    }
}
