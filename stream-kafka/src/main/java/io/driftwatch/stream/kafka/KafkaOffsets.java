package io.driftwatch.stream.kafka;

import io.driftwatch.engine.port.StreamUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The admin client's answers a stream needs: event partitions, end offsets, committed offsets, commits of groups
 * that have no member here, topic deletion and record deletion (retention). Every call waits at most the settings'
 * timeout and then throws {@link StreamUnavailableException}. Thread-safe (the admin client is).
 */
final class KafkaOffsets implements AutoCloseable {
    static final int UNKNOWN_TOPIC_RETRIES = 20;
    private final Admin admin;
    private final Duration timeout;
    private final Pattern eventTopics;

    KafkaOffsets(Admin admin, Duration timeout, Pattern eventTopics) {
        this.admin = admin;
        this.timeout = timeout;
        this.eventTopics = eventTopics;
    }

    Admin admin() {
        return admin;
    }

    /** Every partition of every {@code {prefix}{project}} topic of the stream's prefix. */
    List<TopicPartition> eventPartitions() {
        List<String> topics = get(admin.listTopics().names()).stream()
                .filter(t -> eventTopics.matcher(t).matches()).sorted().toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> d = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> out = new ArrayList<>();
        topics.forEach(t -> d.get(t).partitions().forEach(p -> out.add(new TopicPartition(t, p.partition()))));
        return out;
    }

    /** The next offset of each partition (its end). */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> tps) {
        if (tps.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> q = tps.stream().collect(Collectors.toMap(t -> t, t -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = listOffsets(q);
        Map<TopicPartition, Long> out = new HashMap<>();
        r.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * {@code listOffsets}, asked again (up to {@value #UNKNOWN_TOPIC_RETRIES} times, 100 ms apart) while the broker
     * answers "unknown topic or partition": a topic just created is known to the producer before every metadata
     * cache has it (CI saw it once right after an append to a new topic).
     */
    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> listOffsets(Map<TopicPartition, OffsetSpec> q) {
        for (int attempt = 1; ; attempt++) {
            try {
                return get(admin.listOffsets(q).all());
            } catch (StreamUnavailableException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= UNKNOWN_TOPIC_RETRIES) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamUnavailableException("interrupted", e);
        }
    }

    /** The committed next offsets of {@code group} (0 where none). */
    Map<TopicPartition, Long> committed(String group, List<TopicPartition> tps) {
        Map<TopicPartition, OffsetAndMetadata> c = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> out = new HashMap<>();
        tps.forEach(tp -> {
            OffsetAndMetadata m = c.get(tp);
            out.put(tp, m == null ? 0L : m.offset());
        });
        return out;
    }

    /** Stores {@code next} as {@code group}'s offset of {@code tp} (the group has no active member). */
    void commit(String group, TopicPartition tp, long next) {
        get(admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(next))).all());
    }

    /** Deletes the records of {@code tp} below {@code before} (retention; offsets are not renumbered). */
    void deleteBefore(TopicPartition tp, long before) {
        get(admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(before))).all());
    }

    /** Deletes {@code topic}; absent is fine. */
    void deleteTopic(String topic) {
        try {
            get(admin.deleteTopics(List.of(topic)).all());
        } catch (StreamUnavailableException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    private <T> T get(KafkaFuture<T> f) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StreamUnavailableException("Kafka admin request failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new StreamUnavailableException("Kafka admin request took longer than " + timeout.toMillis()
                    + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamUnavailableException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
