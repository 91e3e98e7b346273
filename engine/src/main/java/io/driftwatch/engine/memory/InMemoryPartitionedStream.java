package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partitioned {@link EventStream} in memory, shaped like the Kafka one (DESIGN.md §13), for tests: each project has
 * its own stream {@code monitoring_stream_{project}} of {@code partitions} partitions, each partition an
 * {@link InMemoryEventStream} (dense offsets from 0, its own committed positions, no backpressure).
 *
 * <ul>
 *   <li>A keyed {@link #append(String, String, List)} goes to partition {@link #partitionOf partitionOf(key, n)}
 *       = {@code floorMod(key.hashCode(), n)} ({@code String.hashCode()} is specified, so the partition of a key is
 *       the same in every JVM; it is not Kafka's murmur2). A project's stream is created on its first append or on
 *       {@link #createProject}.</li>
 *   <li>The unkeyed whole-stream methods {@link #append(List)}, {@link #read} and {@link #commit} throw
 *       {@link UnsupportedOperationException} (use {@link #partition}); {@link #endOffset()} and {@link #committed}
 *       are sums over the partitions, so {@link #lag} is the total lag.</li>
 *   <li>{@link #subscribe} assigns every partition at once and each new project's partitions when its stream is
 *       created; {@link #deleteProject} revokes them first. {@link #revoke}, {@link #assign} and {@link #rebalance}
 *       simulate a consumer-group rebalance.</li>
 * </ul>
 * Thread-safe; the assignment callbacks run on the calling thread, outside the stream's monitor.
 */
public final class InMemoryPartitionedStream implements EventStream {
    /** The prefix of a project's stream name. */
    public static final String PREFIX = "monitoring_stream_";
    private static final Comparator<StreamPartition> ORDER = Comparator.comparing(StreamPartition::stream)
            .thenComparingInt(StreamPartition::partition);
    private final Clock clock;
    private final int partitionsPerStream;
    private final Map<StreamPartition, InMemoryEventStream> parts;
    private final Map<String, Assignment> groups = new LinkedHashMap<>();

    /** Streams of {@code partitions} partitions each, records stamped with the system clock. */
    public InMemoryPartitionedStream(int partitions) {
        this(Clock.systemUTC(), partitions);
    }

    public InMemoryPartitionedStream(Clock clock, int partitions) {
        this(clock, partitions, new TreeMap<>(ORDER));
    }

    private InMemoryPartitionedStream(Clock clock, int partitions, Map<StreamPartition, InMemoryEventStream> parts) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        this.clock = clock;
        this.partitionsPerStream = partitions;
        this.parts = parts;
    }

    /** The partition of {@code key} in a stream of {@code partitions}: {@code floorMod(key.hashCode(), partitions)}. */
    public static int partitionOf(String key, int partitions) {
        return Math.floorMod(key.hashCode(), partitions);
    }

    /** The partition a keyed append of {@code project} and {@code key} goes to. */
    public StreamPartition partitionFor(String project, String key) {
        return new StreamPartition(PREFIX + project, partitionOf(key, partitionsPerStream));
    }

    /** A new handle over the same records and committed positions, with no subscribers (a restart). */
    public synchronized InMemoryPartitionedStream reopen() {
        Map<StreamPartition, InMemoryEventStream> copy = new TreeMap<>(ORDER);
        parts.forEach((p, s) -> copy.put(p, s.reopen()));
        return new InMemoryPartitionedStream(clock, partitionsPerStream, copy);
    }

    @Override
    public void append(String project, String key, List<byte[]> records) {
        createProject(project);
        InMemoryEventStream s;
        synchronized (this) {
            s = parts.get(partitionFor(project, key));
        }
        if (s == null) {
            throw new IllegalStateException("the stream of project " + project + " was deleted");
        }
        s.append(records);
    }

    @Override
    public long append(List<byte[]> records) {
        throw new UnsupportedOperationException("a partitioned stream takes keyed appends: append(project, key, records)");
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) {
        throw new UnsupportedOperationException("read a partition: partition(p).read(...)");
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        throw new UnsupportedOperationException("commit a partition: partition(p).commit(...)");
    }

    /** The sum of the consumer's committed offsets over every partition. */
    @Override
    public synchronized long committed(String consumer) {
        return parts.values().stream().mapToLong(s -> s.committed(consumer)).sum();
    }

    /** The sum of the partitions' end offsets (records ever appended and still covered). */
    @Override
    public synchronized long endOffset() {
        return parts.values().stream().mapToLong(InMemoryEventStream::endOffset).sum();
    }

    @Override
    public void createProject(String project) {
        List<StreamPartition> created = new ArrayList<>();
        List<Assignment> listeners;
        synchronized (this) {
            for (int i = 0; i < partitionsPerStream; i++) {
                StreamPartition p = new StreamPartition(PREFIX + project, i);
                if (!parts.containsKey(p)) {
                    parts.put(p, new InMemoryEventStream(clock, Long.MAX_VALUE, false));
                    created.add(p);
                }
            }
            listeners = List.copyOf(groups.values());
        }
        if (!created.isEmpty()) {
            listeners.forEach(l -> l.assigned(created));
        }
    }

    @Override
    public void deleteProject(String project) {
        List<StreamPartition> own;
        List<Assignment> listeners;
        synchronized (this) {
            own = parts.keySet().stream().filter(p -> p.stream().equals(PREFIX + project)).toList();
            listeners = List.copyOf(groups.values());
        }
        if (own.isEmpty()) {
            return;
        }
        listeners.forEach(l -> l.revoked(own));
        synchronized (this) {
            own.forEach(p -> parts.remove(p).close());
        }
    }

    @Override
    public synchronized List<StreamPartition> partitions() {
        return List.copyOf(parts.keySet());
    }

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public synchronized EventStream partition(StreamPartition partition) {
        InMemoryEventStream s = parts.get(partition);
        if (s == null) {
            throw new IllegalArgumentException("no partition " + partition);
        }
        return s;
    }

    @Override
    public void subscribe(String group, Assignment listener) {
        List<StreamPartition> all;
        synchronized (this) {
            groups.put(group, listener);
            all = List.copyOf(parts.keySet());
        }
        listener.assigned(all);
    }

    /** Tells the group its {@code partitions} are revoked (another instance takes them). */
    public void revoke(String group, Collection<StreamPartition> partitions) {
        listener(group).revoked(List.copyOf(partitions));
    }

    /** Tells the group {@code partitions} are assigned to it (again). */
    public void assign(String group, Collection<StreamPartition> partitions) {
        listener(group).assigned(List.copyOf(partitions));
    }

    /** A rebalance that ends where it began: {@code partitions} revoked, then assigned again. */
    public void rebalance(String group, Collection<StreamPartition> partitions) {
        revoke(group, partitions);
        assign(group, partitions);
    }

    private synchronized Assignment listener(String group) {
        Assignment l = groups.get(group);
        if (l == null) {
            throw new IllegalArgumentException("no subscriber in group " + group);
        }
        return l;
    }

    /** Closes every partition's handle (readers return empty). */
    @Override
    public synchronized void close() {
        parts.values().forEach(InMemoryEventStream::close);
    }
}
