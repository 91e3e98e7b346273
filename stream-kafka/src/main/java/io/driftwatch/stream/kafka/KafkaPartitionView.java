package io.driftwatch.stream.kafka;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * One topic-partition of a {@link KafkaEventStream} as a single-partition {@link EventStream}. {@link #read} is served
 * by the poll thread of the group member that owns the partition (when this instance subscribed a group that was
 * assigned it) or else by the stream's group-less reader; either way it continues exactly at {@code fromOffset} (a
 * seek when that is not where the previous read ended), never at a committed offset. {@link #commit} goes through the
 * member when {@code consumer} is a group this instance is a member of and owns the partition (a commit the
 * coordinator refuses during a rebalance is dropped: the next one catches up), else through the admin client; commits
 * only serve lag. Closing a view closes nothing (the stream owns the clients) unless it was made by
 * {@link #owning}.
 */
final class KafkaPartitionView implements EventStream {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaPartitionView.class);
    private static final Pattern CONSUMER = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private final KafkaEventStream stream;
    private final TopicPartition tp;
    private final boolean owns;

    KafkaPartitionView(KafkaEventStream stream, TopicPartition tp) {
        this(stream, tp, false);
    }

    private KafkaPartitionView(KafkaEventStream stream, TopicPartition tp, boolean owns) {
        this.stream = stream;
        this.tp = tp;
        this.owns = owns;
    }

    /** A view whose {@link #close()} closes the stream (tests that open one partition as a whole stream). */
    static KafkaPartitionView owning(KafkaEventStream stream, StreamPartition p) {
        return new KafkaPartitionView(stream, new TopicPartition(p.stream(), p.partition()), true);
    }

    @Override
    public long append(List<byte[]> records) {
        stream.ensureOpen();
        return records.isEmpty() ? endOffset() : stream.send(tp, null, records);
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) throws InterruptedException {
        PartitionFeed feed;
        try {
            feed = stream.feed(tp);
        } catch (IllegalStateException closed) {
            return List.of();
        }
        return feed.take(fromOffset, maxRecords, maxWait);
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        if (!CONSUMER.matcher(consumer).matches()) {
            throw new IllegalArgumentException("consumer name must be [A-Za-z0-9._-]{1,128}: " + consumer);
        }
        if (nextOffset < 0 || nextOffset > endOffset()) {
            throw new IllegalArgumentException("offset " + nextOffset + " outside [0, " + endOffset() + "] of " + tp);
        }
        Fetcher member = stream.group(consumer);
        if (member != null && member.owned(tp) != null) {
            await(member.commit(tp, nextOffset));
        } else {
            stream.offsets().commit(consumer, tp, nextOffset);
        }
    }

    /**
     * Waits for a member's commit. A failed one (a rebalance in progress, the coordinator moving) is only logged: the
     * group's offsets serve lag monitoring, the reader's position is the one stored with its effects, and the next
     * commit moves the offset on.
     */
    private void await(java.util.concurrent.Future<Void> f) {
        Duration t = stream.settings().timeout;
        try {
            f.get(t.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("commit of {} not stored (lag only): {}", tp, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long committed(String consumer) {
        return stream.offsets().committed(consumer, List.of(tp)).get(tp);
    }

    @Override
    public long endOffset() {
        Map<TopicPartition, Long> end = stream.offsets().endOffsets(List.of(tp));
        return end.getOrDefault(tp, 0L);
    }

    @Override
    public List<StreamPartition> partitions() {
        return List.of(new StreamPartition(tp.topic(), tp.partition()));
    }

    @Override
    public EventStream partition(StreamPartition partition) {
        if (partition.stream().equals(tp.topic()) && partition.partition() == tp.partition()) {
            return this;
        }
        throw new IllegalArgumentException("no partition " + partition + " in the view of " + tp);
    }

    /** Deletes this partition's records below {@code before} (Kafka's retention, on demand). */
    void deleteBefore(long before) {
        stream.offsets().deleteBefore(tp, before);
    }

    @Override
    public void close() {
        if (owns) {
            stream.close();
        }
    }

    @Override
    public String toString() {
        return "Kafka partition " + tp;
    }
}
