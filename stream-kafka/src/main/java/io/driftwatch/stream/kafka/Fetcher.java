package io.driftwatch.stream.kafka;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link KafkaConsumer} and the one thread that polls it (the consumer is single-threaded): either a member of a
 * consumer group subscribed to the topics {@code {prefix}{project}} of the projects its filter accepts (the topics on
 * the broker are listed again every {@value #REFRESH_MS} ms and when this stream creates a project's topic, and the
 * subscription follows), telling an {@link EventStream.Assignment} what it owns; or, without a group,
 * reading the partitions that views asked for. Readers get records through one {@link PartitionFeed} per partition;
 * seeks, resumes and commits are queued and executed on the poll thread. A partition is paused from assignment until
 * its reader asks for an offset, so reading starts where the reader (the sink's stored offset) says, never at the
 * group's committed offset; commits only serve lag monitoring.
 */
final class Fetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    static final long REFRESH_MS = 5000;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaSettings settings;
    private final Predicate<String> projects;
    private Set<String> subscribed = Set.of();
    private long nextRefresh;
    private volatile boolean refreshNow = true;
    private final String group;
    private final EventStream.Assignment listener;
    private final int bound;
    private final Map<TopicPartition, PartitionFeed> feeds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    Fetcher(KafkaSettings settings, String group, Predicate<String> projects, EventStream.Assignment listener) {
        this.consumer = new KafkaConsumer<>(settings.consumer(group));
        this.settings = settings;
        this.projects = projects;
        this.group = group;
        this.listener = listener;
        this.bound = settings.queueRecords;
        this.thread = Thread.ofPlatform().daemon().name("kafka-fetch-" + (group == null ? "views" : group))
                .unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** The group name, or null for the view reader. */
    String group() {
        return group;
    }

    /** The feed of an owned partition, or null. */
    PartitionFeed owned(TopicPartition tp) {
        return feeds.get(tp);
    }

    /** Without a group: the feed of {@code tp}, adding it to the assignment on first use. */
    PartitionFeed assign(TopicPartition tp) {
        return feeds.computeIfAbsent(tp, t -> {
            PartitionFeed f = new PartitionFeed(t, bound, this);
            submit(() -> {
                Set<TopicPartition> now = new HashSet<>(consumer.assignment());
                now.add(t);
                consumer.assign(now);
                consumer.pause(List.of(t));
            });
            return f;
        });
    }

    void requestSeek(PartitionFeed feed, long from) {
        submit(() -> {
            if (feeds.get(feed.tp) == feed && consumer.assignment().contains(feed.tp)) {
                consumer.seek(feed.tp, from);
                consumer.resume(List.of(feed.tp));
                feed.seeked(from);
            }
        });
    }

    void requestResume(PartitionFeed feed) {
        submit(() -> {
            if (consumer.assignment().contains(feed.tp)) {
                consumer.resume(List.of(feed.tp));
                feed.resumed();
            }
        });
    }

    /** A member's commit of {@code next} for {@code tp}; completes when the coordinator answered. */
    CompletableFuture<Void> commit(TopicPartition tp, long next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> consumer.commitAsync(Map.of(tp, new OffsetAndMetadata(next)), (offsets, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        }));
        return done;
    }

    /** A group member lists the topics again at its next poll (a project's topic was created). */
    void refreshSubscription() {
        refreshNow = true;
        consumer.wakeup();
    }

    /** The topics this member subscribes now (poll thread; tests). */
    Set<String> subscribed() {
        return subscribed;
    }

    private void submit(Runnable task) {
        tasks.add(task);
        consumer.wakeup();
        LockSupport.unpark(thread);
    }

    private void loop() {
        try {
            while (running) {
                pollOnce();
            }
        } catch (RuntimeException e) {
            LOG.error("kafka consumer {} stopped", group, e);
        } finally {
            feeds.values().forEach(PartitionFeed::end);
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void pollOnce() {
        for (Runnable t; (t = tasks.poll()) != null; ) {
            t.run();
        }
        if (group != null && (refreshNow || System.nanoTime() - nextRefresh >= 0)) {
            refresh();
        }
        if (group == null ? consumer.assignment().isEmpty() : subscribed.isEmpty()) {
            LockSupport.parkNanos(this, 20_000_000L);
            return;
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(Duration.ofMillis(500));
        } catch (WakeupException woken) {
            return;
        }
        List<TopicPartition> full = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            PartitionFeed f = feeds.get(tp);
            if (f != null && f.offer(records.records(tp))) {
                full.add(tp);
            }
        }
        if (!full.isEmpty()) {
            consumer.pause(full);
        }
    }

    /** Subscribes to the event topics on the broker whose project the filter accepts, if they changed. */
    private void refresh() {
        refreshNow = false;
        nextRefresh = System.nanoTime() + REFRESH_MS * 1_000_000L;
        Set<String> topics = new TreeSet<>();
        try {
            for (String t : consumer.listTopics(settings.timeout).keySet()) {
                String project = settings.projectOf(t);
                if (project != null && projects.test(project)) {
                    topics.add(t);
                }
            }
        } catch (WakeupException woken) {
            refreshNow = true;
            return;
        } catch (RuntimeException e) { // broker or filter unavailable now: keep the subscription until next time
            LOG.debug("kafka consumer {}: topics not listed now: {}", group, e.toString());
            return;
        }
        if (!topics.equals(subscribed)) {
            subscribed = Set.copyOf(topics);
            if (topics.isEmpty()) {
                consumer.unsubscribe();
            } else {
                consumer.subscribe(topics, new Rebalance());
            }
            LOG.info("kafka consumer {} subscribes {}", group, topics);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<StreamPartition> partitions(Collection<TopicPartition> tps) {
        return tps.stream().map(tp -> new StreamPartition(tp.topic(), tp.partition())).toList();
    }

    /** Group membership changes, on the poll thread: feeds follow the assignment, the listener is told. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> tps) {
            consumer.pause(tps);
            tps.forEach(tp -> feeds.put(tp, new PartitionFeed(tp, bound, Fetcher.this)));
            if (!tps.isEmpty()) {
                listener.assigned(partitions(tps));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> tps) {
            tps.forEach(tp -> {
                PartitionFeed f = feeds.remove(tp);
                if (f != null) {
                    f.end();
                }
            });
            if (!tps.isEmpty()) {
                listener.revoked(partitions(tps));
            }
        }
    }
}
