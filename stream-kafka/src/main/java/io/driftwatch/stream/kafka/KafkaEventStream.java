package io.driftwatch.stream.kafka;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.engine.port.StreamUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;

/**
 * The {@link EventStream} on Kafka (DESIGN.md §13): one topic {@code monitoring_stream_{project}} per project (or
 * {@code {topic_prefix}{project}} when the URI names a {@code topic_prefix}), created
 * by {@link #createProject} with the configured partitions and replication factor (or on the first append to a
 * project without one; idempotent); keyed appends (key = endpoint uid)
 * go to partition {@code murmur2(key) mod partitions} with {@code acks=all} and idempotence, the records of one append
 * consecutive on that partition, and return only after the broker acknowledged every one of them; an append not
 * acknowledged within {@link KafkaSettings#timeout} (default 5 s, plus 1 s of slack) throws
 * {@link StreamUnavailableException}. {@link #partition} views read, commit and measure one topic-partition;
 * {@link #subscribe} makes this instance a member of a consumer group. The whole-stream {@link #endOffset()} and
 * {@link #committed} are sums over the partitions of every event topic of this stream's prefix (for lag metrics); the unkeyed {@link #append(List)}
 * and {@link #read} exist only on partition views.
 */
final class KafkaEventStream implements EventStream {
    private final KafkaSettings settings;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaOffsets offsets;
    private final Map<TopicPartition, ReentrantLock> appendLocks = new ConcurrentHashMap<>();
    private final Map<String, Fetcher> groups = new ConcurrentHashMap<>();
    private final Set<String> createdTopics = ConcurrentHashMap.newKeySet();
    private final Fetcher viewReader;
    private volatile boolean closed;

    KafkaEventStream(KafkaSettings settings) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(settings.producer());
        this.offsets = new KafkaOffsets(Admin.create(settings.admin()), settings.timeout, settings.eventTopics);
        this.viewReader = new Fetcher(settings, null, null, null);
        this.viewReader.start();
    }

    KafkaSettings settings() {
        return settings;
    }

    KafkaOffsets offsets() {
        return offsets;
    }

    @Override
    public void append(String project, String key, List<byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        String topic = settings.topicOf(project);
        if (!createdTopics.contains(topic)) {
            createProject(project);
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int partitions = partitionCount(topic);
        send(new TopicPartition(topic, Utils.toPositive(Utils.murmur2(k)) % partitions), k, records);
    }

    /**
     * Sends the records to {@code tp} under the partition's lock (so a batch is consecutive) and waits for every
     * acknowledgement. Returns the offset of the first record.
     */
    long send(TopicPartition tp, byte[] key, List<byte[]> records) {
        ensureOpen();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        ReentrantLock lock = appendLocks.computeIfAbsent(tp, t -> new ReentrantLock());
        lock.lock();
        try {
            for (byte[] r : records) {
                acks.add(producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), key, r)));
            }
        } catch (KafkaException e) {
            throw unavailable(tp, e);
        } finally {
            lock.unlock();
        }
        return awaitAll(tp, acks);
    }

    private long awaitAll(TopicPartition tp, List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + settings.timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        long first = -1;
        try {
            for (Future<RecordMetadata> f : acks) {
                RecordMetadata m = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                first = first < 0 ? m.offset() : first;
            }
            return first;
        } catch (ExecutionException e) {
            throw unavailable(tp, e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(tp, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(tp, e);
        }
    }

    private StreamUnavailableException unavailable(TopicPartition tp, Throwable cause) {
        return new StreamUnavailableException("Kafka stream " + settings + " topic " + tp.topic()
                + " did not acknowledge the records within " + settings.timeout.toMillis() + " ms: "
                + cause.getClass().getSimpleName(), cause);
    }

    private int partitionCount(String topic) {
        try {
            List<PartitionInfo> info = producer.partitionsFor(topic);
            if (info == null || info.isEmpty()) {
                throw new IllegalStateException("no partitions for topic " + topic);
            }
            return info.size();
        } catch (UnknownTopicOrPartitionException e) {
            throw new IllegalStateException("topic " + topic + " does not exist: enable monitoring of the project "
                    + "first (it creates the topic)", e);
        } catch (KafkaException e) {
            throw unavailable(new TopicPartition(topic, 0), e);
        }
    }

    @Override
    public void createProject(String project) {
        String topic = settings.topicOf(project);
        try {
            int brokers = offsets.admin().describeCluster().nodes().get(settings.timeout.toMillis(),
                    TimeUnit.MILLISECONDS).size();
            NewTopic t = new NewTopic(topic, settings.partitions, settings.replicationFor(brokers));
            offsets.admin().createTopics(List.of(t)).all().get(settings.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw unavailable(new TopicPartition(topic, 0), e.getCause());
            }
        } catch (TimeoutException e) {
            throw unavailable(new TopicPartition(topic, 0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(new TopicPartition(topic, 0), e);
        }
        awaitLeaders(topic);
        createdTopics.add(topic);
        groups.values().forEach(Fetcher::refreshSubscription);
    }

    /**
     * Waits, at most the stream's timeout, until every partition of the topic has a leader, then loads the topic into
     * the producer's metadata: {@code createTopics} returns before a fresh broker has elected the leaders, and a first
     * append in that gap waited for metadata until its own timeout and failed with 503 (seen twice in CI on a broker
     * just started, round 12). A topic still leaderless at the deadline is left to the append's own wait.
     */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + settings.timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                var description = offsets.admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(settings.timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (description != null && !description.partitions().isEmpty() && description.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    producer.partitionsFor(topic);
                    return;
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // not known yet: the append waits for the metadata itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void deleteProject(String project) {
        String topic = settings.topicOf(project);
        createdTopics.remove(topic);
        offsets.deleteTopic(topic);
    }

    @Override
    public List<StreamPartition> partitions() {
        return offsets.eventPartitions().stream().map(tp -> new StreamPartition(tp.topic(), tp.partition())).toList();
    }

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public EventStream partition(StreamPartition partition) {
        if (!settings.eventTopics.matcher(partition.stream()).matches()) {
            throw new IllegalArgumentException("no partition " + partition + " in the Kafka event stream");
        }
        return new KafkaPartitionView(this, new TopicPartition(partition.stream(), partition.partition()));
    }

    /** The feed that serves reads of {@code tp}: the owning group member's, else the view reader's. */
    PartitionFeed feed(TopicPartition tp) {
        ensureOpen();
        for (Fetcher g : groups.values()) {
            PartitionFeed f = g.owned(tp);
            if (f != null) {
                return f;
            }
        }
        return viewReader.assign(tp);
    }

    /** The member of {@code group} when this instance subscribed it. */
    Fetcher group(String group) {
        return groups.get(group);
    }

    @Override
    public void subscribe(String group, Assignment listener) {
        subscribe(group, project -> true, listener);
    }

    /**
     * Subscribes {@code group} to the topics {@code {topicPrefix}{project}} of the projects that {@code projects}
     * accepts, asked again for every such topic on the broker at each metadata refresh (5 s) and when a project's
     * topic is created here; topics of other prefixes and of projects it refuses (another deployment's on the same
     * broker) are never assigned to this member.
     */
    @Override
    public synchronized void subscribe(String group, Predicate<String> projects, Assignment listener) {
        ensureOpen();
        if (groups.containsKey(group)) {
            throw new IllegalStateException("group " + group + " is already subscribed by this stream");
        }
        Fetcher f = new Fetcher(settings, group, projects, listener);
        groups.put(group, f);
        f.start();
    }

    @Override
    public long append(List<byte[]> records) {
        throw new UnsupportedOperationException("the Kafka stream takes keyed appends: append(project, key, records)"
                + " or partition(p).append(records)");
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) {
        throw new UnsupportedOperationException("read a partition: partition(p).read(...)");
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        throw new UnsupportedOperationException("commit a partition: partition(p).commit(...)");
    }

    /** The sum over every event topic's partitions of the consumer's committed offsets. */
    @Override
    public long committed(String consumer) {
        return offsets.committed(consumer, offsets.eventPartitions()).values().stream().mapToLong(Long::longValue)
                .sum();
    }

    /** The sum over every event topic's partitions of their end offsets. */
    @Override
    public long endOffset() {
        return offsets.endOffsets(offsets.eventPartitions()).values().stream().mapToLong(Long::longValue).sum();
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka stream is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        groups.values().forEach(Fetcher::close);
        viewReader.close();
        producer.close(Duration.ofSeconds(5));
        offsets.close();
    }

    @Override
    public String toString() {
        return "KafkaEventStream " + settings;
    }
}
