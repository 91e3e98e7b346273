package io.driftwatch.stream.kafka;

import io.driftwatch.engine.port.StreamRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records fetched ahead for one partition by a {@link Fetcher}'s poll thread, handed to the partition's reader.
 * The reader says where it wants to read ({@code from}); when that is not where the queue continues, the queue is
 * dropped and a seek is requested, executed on the poll thread; records polled before the seek took effect are
 * ignored (they carry an older seek generation). At most {@code bound} records wait; the poll thread pauses the
 * partition above that and resumes it when the reader drained half.
 */
final class PartitionFeed {
    final TopicPartition tp;
    private final int bound;
    private final ArrayDeque<StreamRecord> queue = new ArrayDeque<>();
    private final Fetcher fetcher;
    private long next = -1;
    private boolean accepting;
    private boolean paused = true;
    private boolean gone;

    PartitionFeed(TopicPartition tp, int bound, Fetcher fetcher) {
        this.tp = tp;
        this.bound = bound;
        this.fetcher = fetcher;
    }

    /** The reader: up to {@code max} records with offsets >= {@code from}, waiting up to {@code wait}. */
    synchronized List<StreamRecord> take(long from, int max, Duration wait) throws InterruptedException {
        if (from != next) {
            queue.clear();
            next = from;
            accepting = false;
            fetcher.requestSeek(this, from);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (queue.isEmpty() && !gone) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<StreamRecord> out = new ArrayList<>(Math.min(max, queue.size()));
        while (out.size() < max && !queue.isEmpty()) {
            StreamRecord r = queue.poll();
            if (r.offset() >= from) {
                out.add(r);
            }
        }
        if (!out.isEmpty()) {
            next = out.getLast().offset() + 1;
        }
        if (paused && accepting && queue.size() <= bound / 2) {
            fetcher.requestResume(this);
        }
        return out;
    }

    /** Poll thread: the seek to {@code from} was executed; records polled from now on are the reader's. */
    synchronized void seeked(long from) {
        if (from == next) {
            queue.clear();
            accepting = true;
            paused = false;
        }
    }

    /** Poll thread: records polled; returns true when the partition must pause (queue full). */
    synchronized boolean offer(List<ConsumerRecord<byte[], byte[]>> records) {
        if (!accepting) {
            return false;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byte[] value = r.value() == null ? new byte[0] : r.value();
            queue.add(new StreamRecord(r.offset(), r.timestamp(), value));
        }
        notifyAll();
        paused = queue.size() >= bound;
        return paused;
    }

    /** Poll thread: the pause was lifted. */
    synchronized void resumed() {
        paused = false;
    }

    /** The partition was revoked or the stream closed: readers return empty from now on. */
    synchronized void end() {
        gone = true;
        queue.clear();
        notifyAll();
    }

    synchronized boolean ended() {
        return gone;
    }
}
