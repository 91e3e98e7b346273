package io.driftwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamBackpressureException;
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
 * consumers' committed positions and replay, backpressure, and gaps (never renumbering) after retention.
 * An implementation's test extends this and opens the stream.
 */
public abstract class EventStreamContract {
    /** The consumer the tests commit for. */
    protected static final String CONSUMER = "contract-consumer";
    private static final Duration NO_WAIT = Duration.ZERO;

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

    private static List<StreamRecord> readAll(EventStream s, long from) throws InterruptedException {
        List<StreamRecord> all = new ArrayList<>();
        for (List<StreamRecord> b; !(b = s.read(from, 7, NO_WAIT)).isEmpty(); from = b.getLast().offset() + 1) {
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
            assertThat(s.read(1, 2, NO_WAIT)).extracting(StreamRecord::offset).containsExactly(1L, 2L);
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
                List<StreamRecord> batch = s.read(first, 10, NO_WAIT);
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
}
