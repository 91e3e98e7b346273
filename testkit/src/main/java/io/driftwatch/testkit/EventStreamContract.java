package io.driftwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises of {@link EventStream} (its Javadoc): dense ordered offsets, atomic batches, durability on return,
 * consumers' committed positions and replay, backpressure, and gaps (never renumbering) after retention; and the
 * partitioned side ({@link Partitions}): ordering per key, durability of keyed appends, replay from a stored offset,
 * group assignment. A networked stream may run the whole-log groups on one partition view.
 * An implementation's test extends this and opens the stream.
 */
public abstract class EventStreamContract {
    /** The consumer the tests commit for. */
    protected static final String CONSUMER = "contract-consumer";
    /** How long a read waits for records known to be there (a networked stream fetches them first). */
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    protected Path dir;
    private final List<EventStream> opened = new ArrayList<>();

    /**
     * Opens the stream kept in {@code dir} (creating it when new) with no consumer registered up front, a
     * backpressure bound of {@code maxLagRecords} records on the slowest committed consumer, and (if the
     * implementation has retention) retention in units as small as it allows.
     */
    protected abstract EventStream open(Path dir, long maxLagRecords) throws Exception;

    /** Opens the stream again after {@code closed} was closed: the durable state must be there. */
    protected abstract EventStream reopen(EventStream closed, Path dir) throws Exception;

    /** True when committed records are dropped (then the retention group checks the gaps it leaves). */
    protected abstract boolean hasRetention();

    /**
     * Opens the whole (possibly partitioned) stream for the {@link Partitions} group; by default {@link #open} with
     * no lag bound to speak of. {@link #reopen} must accept what this returns.
     */
    protected EventStream openPartitioned(Path dir) throws Exception {
        return open(dir, 1_000_000);
    }

    /**
     * Lets retention run on the records below {@code before} if the stream drops records on demand rather than on
     * commit (Kafka: delete-records, as its time or size retention would); by default nothing.
     */
    protected void applyRetention(EventStream s, long before) throws Exception {
    }

    /**
     * True when {@code open}'s bound on the slowest consumer's lag refuses appends (the embedded log); a stream
     * without one (Kafka: the broker's disk is the bound) must accept every append instead.
     */
    protected boolean hasBackpressure() {
        return true;
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(EventStream::close);
    }

    private EventStream stream(long maxLag) throws Exception {
        EventStream s = open(dir, maxLag);
        opened.add(s);
        return s;
    }

    private EventStream stream() throws Exception {
        return stream(1_000_000);
    }

    private EventStream partitioned() throws Exception {
        EventStream s = openPartitioned(dir);
        opened.add(s);
        return s;
    }

    private EventStream closeAndReopen(EventStream s) throws Exception {
        s.close();
        EventStream again = reopen(s, dir);
        opened.add(again);
        return again;
    }

    /** A distinct payload for each number. */
    protected static byte[] event(long i) {
        return ("{\"model\":\"m\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static long number(byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        return Long.parseLong(json.substring(json.indexOf("\"i\":") + 4, json.length() - 1));
    }

    private static List<byte[]> events(long from, long to) {
        return LongStream.range(from, to).mapToObj(EventStreamContract::event).toList();
    }

    /** Every record from {@code from} to the end, read 7 at a time. */
    protected static List<StreamRecord> readAll(EventStream s, long from) throws InterruptedException {
        List<StreamRecord> all = new ArrayList<>();
        long end = s.endOffset();
        for (List<StreamRecord> b; from < end && !(b = s.read(from, 7, WAIT)).isEmpty();
             from = b.getLast().offset() + 1) {
            all.addAll(b);
        }
        return all;
    }

    /**
     * {@code n} records from {@code from} (fewer only when the stream ends first): a read may return fewer than asked
     * (a networked stream hands over what its last fetch brought), so this reads until it has them.
     */
    protected static List<StreamRecord> readCount(EventStream s, long from, int n) throws InterruptedException {
        List<StreamRecord> all = new ArrayList<>();
        for (List<StreamRecord> b; all.size() < n && !(b = s.read(from, n - all.size(), WAIT)).isEmpty();
             from = b.getLast().offset() + 1) {
            all.addAll(b);
        }
        return all;
    }

    private static void assertDenseWithTheirPayloads(List<StreamRecord> records, long first, long end) {
        assertThat(records).extracting(StreamRecord::offset)
                .containsExactlyElementsOf(LongStream.range(first, end).boxed().toList());
        assertThat(records).allSatisfy(r -> assertThat(r.payload()).isEqualTo(event(r.offset())));
    }

    /** Appends and reads: order, offsets, batches. */
    @Nested
    class AppendAndRead {
        @Test
        void offsetsAreDenseFromZeroAndReadsComeBackInOrder() throws Exception {
            EventStream s = stream();
            assertThat(s.endOffset()).isZero();
            assertThat(s.append(events(0, 3))).isZero();
            assertThat(s.append(events(3, 4))).isEqualTo(3);
            assertThat(s.append(List.of())).as("an empty append returns the end").isEqualTo(4);
            assertThat(s.endOffset()).isEqualTo(4);
            assertDenseWithTheirPayloads(readAll(s, 0), 0, 4);
            assertThat(readCount(s, 1, 2)).extracting(StreamRecord::offset).containsExactly(1L, 2L);
        }

        @Test
        void concurrentBatchesGetConsecutiveOffsetsWithoutInterleaving() throws Exception {
            EventStream s = stream();
            List<CompletableFuture<Long>> firsts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long base = t * 1000L;
                firsts.add(CompletableFuture.supplyAsync(() -> s.append(events(base, base + 10))));
            }
            for (CompletableFuture<Long> f : firsts) {
                long first = f.get(30, TimeUnit.SECONDS);
                List<StreamRecord> batch = readCount(s, first, 10);
                long base = number(batch.getFirst().payload());
                assertThat(base % 1000).as("a batch starts at its own first record").isZero();
                assertThat(batch).extracting(StreamRecord::payload)
                        .containsExactlyElementsOf(events(base, base + 10));
            }
            assertThat(s.endOffset()).isEqualTo(80);
        }

        @Test
        void aWaitingReaderIsWokenByAnAppendAndAnEmptyReadTimesOut() throws Exception {
            EventStream s = stream();
            assertThat(s.read(0, 10, Duration.ofMillis(20))).isEmpty();
            CompletableFuture<List<StreamRecord>> pending = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    pending.complete(s.read(0, 10, Duration.ofSeconds(30)));
                } catch (InterruptedException e) {
                    pending.completeExceptionally(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);
            s.append(events(0, 1));
            assertThat(pending.get(10, TimeUnit.SECONDS)).extracting(StreamRecord::offset).containsExactly(0L);
        }

        @Test
        void closeWakesReadersAndRefusesAppends() throws Exception {
            EventStream s = stream();
            CompletableFuture<List<StreamRecord>> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.read(0, 10, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            s.close();
            assertThat(pending.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThatThrownBy(() -> s.append(events(0, 1))).isInstanceOf(IllegalStateException.class);
        }
    }

    /** What {@code append} and {@code commit} acknowledged survives closing and reopening. */
    @Nested
    class Durability {
        @Test
        void acknowledgedRecordsAreThereAfterReopen() throws Exception {
            EventStream s = stream();
            s.append(events(0, 5));
            s.append(events(5, 6));
            EventStream again = closeAndReopen(s);
            assertThat(again.endOffset()).isEqualTo(6);
            assertDenseWithTheirPayloads(readAll(again, 0), 0, 6);
            assertThat(again.append(events(6, 7))).as("numbering goes on").isEqualTo(6);
        }

        @Test
        void committedPositionsAreThereAfterReopen() throws Exception {
            EventStream s = stream();
            s.append(events(0, 4));
            s.commit(CONSUMER, 3);
            EventStream again = closeAndReopen(s);
            assertThat(again.committed(CONSUMER)).isEqualTo(3);
            assertThat(again.lag(CONSUMER)).isEqualTo(1);
        }
    }

    /** Consumers' committed positions: replay from them, bounds on them. */
    @Nested
    class ConsumersAndReplay {
        @Test
        void aConsumerResumesFromItsCommittedOffsetAndMayMoveBackToReplay() throws Exception {
            EventStream s = stream();
            assertThat(s.committed(CONSUMER)).as("none yet").isZero();
            s.append(events(0, 10));
            s.commit("holds-back-retention", 0);
            s.commit(CONSUMER, 6);
            assertDenseWithTheirPayloads(readAll(s, s.committed(CONSUMER)), 6, 10);
            s.commit(CONSUMER, 2);
            assertThat(s.committed(CONSUMER)).isEqualTo(2);
            assertDenseWithTheirPayloads(readAll(s, s.committed(CONSUMER)), 2, 10);
            assertThat(s.committed("another")).as("positions are per consumer").isZero();
            assertThat(s.lag("holds-back-retention")).isEqualTo(10);
        }

        @Test
        void commitsOutsideTheLogOrWithBadNamesAreRejected() throws Exception {
            EventStream s = stream();
            s.append(events(0, 3));
            s.commit(CONSUMER, 3);
            assertThatThrownBy(() -> s.commit(CONSUMER, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.commit(CONSUMER, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.commit("bad name", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.committed(CONSUMER)).isEqualTo(3);
        }
    }

    /** Appends are refused while the slowest committed consumer lags past the bound. */
    @Nested
    class Backpressure {
        @Test
        void anAppendPastTheBoundIsRefusedWholeAndAcceptedAgainAfterACommit() throws Exception {
            EventStream s = stream(5);
            s.commit(CONSUMER, 0);
            s.append(events(0, 5));
            if (!hasBackpressure()) {
                assertThat(s.append(events(5, 25))).as("no lag bound: accepted").isEqualTo(5);
                assertThat(s.lag(CONSUMER)).isEqualTo(25);
                return;
            }
            assertThatThrownBy(() -> s.append(events(5, 6)))
                    .isInstanceOfSatisfying(StreamBackpressureException.class, e -> {
                        assertThat(e.lag()).isEqualTo(5);
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
            assertThat(s.endOffset()).as("nothing of the refused batch").isEqualTo(5);
            s.commit(CONSUMER, 3);
            assertThat(s.append(events(5, 7))).isEqualTo(5);
            assertDenseWithTheirPayloads(readAll(s, 3), 3, 7);
        }

        @Test
        void withoutACommittedConsumerThereIsNoBound() throws Exception {
            EventStream s = stream(5);
            for (long i = 0; i < 12; i++) {
                s.append(List.of(event(i)));
            }
            assertThat(s.endOffset()).isEqualTo(12);
        }

        @Test
        void aBatchLargerThanTheBoundCanNeverFitAndIsRejectedAsSuch() throws Exception {
            EventStream s = stream(5);
            if (!hasBackpressure()) {
                assertThat(s.append(events(0, 6))).as("no lag bound: accepted").isZero();
                assertThat(s.endOffset()).isEqualTo(6);
                return;
            }
            assertThatThrownBy(() -> s.append(events(0, 6))).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.endOffset()).isZero();
        }
    }

    /** Retention drops only records every consumer committed past, and never renumbers. */
    @Nested
    class Retention {
        @Test
        void readsBelowTheOldestRetainedRecordStartThereAndShowTheGap() throws Exception {
            EventStream s = stream();
            for (long i = 0; i < 40; i++) {
                s.append(List.of(event(i)));
            }
            s.commit(CONSUMER, 30);
            applyRetention(s, 30);
            List<StreamRecord> left = readAll(s, 0);
            long first = left.getFirst().offset();
            assertThat(first).as("only committed records may go").isBetween(0L, 30L);
            if (hasRetention()) {
                assertThat(first).as("committed records went").isPositive();
            }
            assertDenseWithTheirPayloads(left, first, 40);
            assertThat(s.append(List.of(event(40)))).as("offsets are never renumbered").isEqualTo(40);
        }
    }

    /** The project the partition tests append to: a new one per test (streams may be shared, e.g. one broker). */
    private final String project = "contract-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private static byte[] keyed(String key, long i) {
        return ("{\"key\":\"" + key + "\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String keyOf(StreamRecord r) {
        String json = new String(r.payload(), StandardCharsets.UTF_8);
        return json.substring(8, json.indexOf('"', 8));
    }

    /** The partitions of the test's project: the single one, or those of the project's own stream. */
    private List<StreamPartition> projectPartitions(EventStream s) {
        return s.partitions().stream().filter(p -> p.single() || p.stream().endsWith("_" + project)).toList();
    }

    /**
     * The partitioned side (DESIGN.md §13): keyed appends keep one key's records in order on one partition, are
     * durable on return, partition views replay from any stored offset whatever was committed, and a subscribed
     * group is told which partitions it owns. A single-partition stream passes with its one partition.
     */
    @Nested
    class Partitions {
        @Test
        void keyedAppendsKeepEachKeysRecordsInOrderOnOnePartition() throws Exception {
            EventStream s = partitioned();
            s.createProject(project);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                String key = "ep" + k;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (long b = 0; b < 4; b++) {
                        long base = b * 5;
                        s.append(project, key, LongStream.range(base, base + 5).mapToObj(i -> keyed(key, i)).toList());
                    }
                }));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            java.util.Map<String, List<Long>> perKey = new java.util.TreeMap<>();
            java.util.Map<String, java.util.Set<StreamPartition>> where = new java.util.TreeMap<>();
            for (StreamPartition p : projectPartitions(s)) {
                for (StreamRecord r : readAll(s.partition(p), 0)) {
                    perKey.computeIfAbsent(keyOf(r), x -> new ArrayList<>()).add(number(r.payload()));
                    where.computeIfAbsent(keyOf(r), x -> new java.util.HashSet<>()).add(p);
                }
            }
            assertThat(perKey).hasSize(6).allSatisfy((key, numbers) -> assertThat(numbers)
                    .as("all of %s, in append order", key).containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList()));
            assertThat(where).allSatisfy((key, ps) -> assertThat(ps).as("one partition per key").hasSize(1));
        }

        @Test
        void keyedAppendsAreDurableOnReturn() throws Exception {
            EventStream s = partitioned();
            s.createProject(project);
            s.append(project, "ep-a", List.of(keyed("ep-a", 0), keyed("ep-a", 1)));
            s.append(project, "ep-b", List.of(keyed("ep-b", 0)));
            EventStream again = closeAndReopen(s);
            List<StreamRecord> all = new ArrayList<>();
            for (StreamPartition p : projectPartitions(again)) {
                all.addAll(readAll(again.partition(p), 0));
            }
            assertThat(all).extracting(EventStreamContract::keyOf).containsExactlyInAnyOrder("ep-a", "ep-a", "ep-b");
        }

        @Test
        void aPartitionReplaysFromTheOffsetStoredWithTheEffectsNotTheCommittedOne() throws Exception {
            EventStream s = partitioned();
            s.createProject(project);
            s.append(project, "ep-r", LongStream.range(0, 10).mapToObj(i -> keyed("ep-r", i)).toList());
            StreamPartition p = projectPartitions(s).stream().filter(x -> s.partition(x).endOffset() > 0)
                    .findFirst().orElseThrow();
            EventStream view = s.partition(p);
            assertThat(readAll(view, 0)).hasSize(10);
            view.commit("holds-back-retention", 0);
            view.commit(CONSUMER, 10);
            List<StreamRecord> replay = view.read(4, 100, WAIT);
            assertThat(replay).extracting(StreamRecord::offset).startsWith(4L);
            assertThat(readAll(view, 4)).extracting(r -> number(r.payload()))
                    .containsExactlyElementsOf(LongStream.range(4, 10).boxed().toList());
            assertThat(view.committed(CONSUMER)).as("a read moves no commit").isEqualTo(10);
        }

        @Test
        void aSubscribedGroupIsAssignedTheProjectsPartitionsAndReadsWhereItAsks() throws Exception {
            EventStream s = partitioned();
            s.createProject(project);
            s.append(project, "ep-s", LongStream.range(0, 6).mapToObj(i -> keyed("ep-s", i)).toList());
            java.util.Set<StreamPartition> owned = java.util.concurrent.ConcurrentHashMap.newKeySet();
            String group = "contract-group-" + project;
            s.subscribe(group, new EventStream.Assignment() {
                @Override
                public void assigned(java.util.Collection<StreamPartition> partitions) {
                    owned.addAll(partitions);
                }

                @Override
                public void revoked(java.util.Collection<StreamPartition> partitions) {
                    owned.removeAll(partitions);
                }
            });
            List<StreamPartition> mine = projectPartitions(s);
            await().atMost(Duration.ofSeconds(60)).until(() -> owned.containsAll(mine));
            StreamPartition p = mine.stream().filter(x -> s.partition(x).endOffset() > 0).findFirst().orElseThrow();
            EventStream view = s.partition(p);
            view.commit("holds-back-retention", 0);
            view.commit(group, 5);
            assertThat(readAll(view, 2)).extracting(r -> number(r.payload())).containsExactly(2L, 3L, 4L, 5L);
            assertThat(view.committed(group)).isEqualTo(5);
        }
    }
}
