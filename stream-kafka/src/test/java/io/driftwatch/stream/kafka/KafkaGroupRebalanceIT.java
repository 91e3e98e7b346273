package io.driftwatch.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The processor's use of the group (DESIGN.md §13), with a sink that stores (partition → next offset) together with
 * its effects and accepts a batch only if it starts at the stored offset: two instances in group
 * {@code driftwatch-processor}-like group, one joining mid-way and the other leaving, with appends going on; every
 * appended record is counted exactly once, because each worker resumes at the offset stored with the effects, never
 * at the group's committed offset (which this test deliberately commits behind).
 */
class KafkaGroupRebalanceIT {
    private final Map<StreamPartition, Long> stored = new HashMap<>();
    private final Map<String, Integer> counted = new HashMap<>();

    private static KafkaEventStream open() {
        return new KafkaEventStream(KafkaSettings.of(BackendUri.parse(KafkaBroker.shared().streamPath()),
                Map.of(KafkaSettings.PARTITIONS, "4", KafkaSettings.TIMEOUT_MS, "5000")));
    }

    /** The sink's transaction: effects and next offset together, only if the batch continues the stored offset. */
    private synchronized boolean apply(StreamPartition p, long from, List<StreamRecord> batch) {
        if (stored.getOrDefault(p, 0L) != from) {
            return false;
        }
        batch.forEach(r -> counted.merge(new String(r.payload(), StandardCharsets.UTF_8), 1, Integer::sum));
        stored.put(p, batch.getLast().offset() + 1);
        return true;
    }

    private synchronized long next(StreamPartition p) {
        return stored.getOrDefault(p, 0L);
    }

    private synchronized int total() {
        return counted.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One instance: a worker per owned partition, stopped when it is revoked. */
    private final class Instance implements EventStream.Assignment {
        final KafkaEventStream stream = open();
        final Map<StreamPartition, Thread> workers = new ConcurrentHashMap<>();
        final String group;
        final String topic;

        Instance(String group, String project) {
            this.group = group;
            this.topic = KafkaSettings.topic(project);
            stream.subscribe(group, this);
        }

        /** The group gets every project's topic (other tests' too, on the shared broker): work on ours only. */
        @Override
        public void assigned(Collection<StreamPartition> partitions) {
            // registered before it starts: a worker that ran before the put saw itself unregistered and quit
            partitions.stream().filter(p -> p.stream().equals(topic)).forEach(p -> {
                Thread t = Thread.ofPlatform().daemon().unstarted(() -> work(p));
                workers.put(p, t);
                t.start();
            });
        }

        @Override
        public void revoked(Collection<StreamPartition> partitions) {
            partitions.forEach(p -> {
                Thread t = workers.remove(p);
                if (t != null) {
                    t.interrupt();
                }
            });
        }

        private void work(StreamPartition p) {
            EventStream view = stream.partition(p);
            try {
                while (workers.get(p) == Thread.currentThread()) {
                    long from = next(p);
                    List<StreamRecord> batch = view.read(from, 50, Duration.ofMillis(200));
                    if (!batch.isEmpty() && apply(p, from, batch)) {
                        commitBehind(view, batch.getFirst().offset());
                    }
                }
            } catch (InterruptedException | RuntimeException stopped) {
                // revoked or closed
            }
        }

        /** Commits behind on purpose (the first offset of the batch): readers must not start from it. */
        private void commitBehind(EventStream view, long offset) {
            try {
                view.commit(group, offset);
            } catch (RuntimeException lagOnly) {
                // the admin client could not read the end offset now: the next batch commits again
            }
        }

        void close() {
            stream.close();
            workers.values().forEach(Thread::interrupt);
        }
    }

    @Test
    void twoInstancesThroughARebalanceCountEveryRecordExactlyOnce() throws Exception {
        String project = "rebalance-" + System.nanoTime() % 100_000;
        String group = "dw-processor-" + project;
        try (KafkaEventStream producer = open()) {
            producer.createProject(project);
            Instance a = new Instance(group, project);
            appendRange(producer, project, 0, 2000);
            await().atMost(Duration.ofSeconds(120)).until(() -> total() >= 1000);
            Instance b = new Instance(group, project);
            appendRange(producer, project, 2000, 4000);
            await().atMost(Duration.ofSeconds(120)).until(() -> !b.workers.isEmpty());
            a.close();
            appendRange(producer, project, 4000, 6000);
            await().atMost(Duration.ofSeconds(120)).until(() -> total() >= 6000);
            Thread.sleep(1000); // would a late duplicate arrive?
            b.close();
        }
        synchronized (this) {
            assertThat(counted).hasSize(6000);
            assertThat(counted.values()).as("each record counted once").allMatch(c -> c == 1);
        }
    }

    private static void appendRange(KafkaEventStream s, String project, int from, int to) {
        for (int i = from; i < to; i += 100) {
            String key = "ep" + (i / 100) % 16;
            s.append(project, key, IntStream.range(i, i + 100)
                    .mapToObj(n -> ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)).toList());
        }
    }
}
