package io.driftwatch.store.embedded.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedEventStreamTest {

    static final Duration NO_WAIT = Duration.ZERO;

    @TempDir
    Path dir;

    static byte[] event(long i) {
        return ("{\"model\":\"m\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    static EmbeddedEventStream.Options options() {
        return EmbeddedEventStream.Options.defaults().withConsumers(Set.of("p"));
    }

    static SegmentedEventStream open(Path dir, EmbeddedEventStream.Options options) throws Exception {
        return (SegmentedEventStream) EmbeddedEventStream.open(dir, options);
    }

    static List<StreamRecord> readAll(EventStream s, long from) throws InterruptedException {
        List<StreamRecord> all = new ArrayList<>();
        for (List<StreamRecord> b; !(b = s.read(from, 1000, NO_WAIT)).isEmpty(); from = b.getLast().offset() + 1) {
            all.addAll(b);
        }
        return all;
    }

    @Test
    void appendReadCommitRoundTrip() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
        try (EventStream s = open(dir, options().withClock(clock))) {
            assertThat(s.endOffset()).isZero();
            assertThat(s.append(List.of(event(0), event(1)))).isZero();
            assertThat(s.append(List.of(event(2)))).isEqualTo(2);
            assertThat(s.append(List.of())).isEqualTo(3);
            assertThat(s.endOffset()).isEqualTo(3);

            List<StreamRecord> recs = s.read(0, 10, NO_WAIT);
            assertThat(recs).containsExactly(
                    new StreamRecord(0, clock.millis(), event(0)),
                    new StreamRecord(1, clock.millis(), event(1)),
                    new StreamRecord(2, clock.millis(), event(2)));
            assertThat(s.read(1, 1, NO_WAIT)).extracting(StreamRecord::offset).containsExactly(1L);
            assertThat(s.read(3, 10, Duration.ofMillis(20))).isEmpty();

            assertThat(s.committed("p")).isZero();
            assertThat(s.lag("p")).isEqualTo(3);
            s.commit("p", 2);
            assertThat(s.committed("p")).isEqualTo(2);
            assertThat(s.lag("p")).isEqualTo(1);
            assertThatThrownBy(() -> s.commit("p", 4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.commit("bad name", 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void concurrentAppendersGetDenseUniqueOffsetsAndShareFsyncs() throws Exception {
        int threads = 64;
        int perThread = 50;
        ConcurrentLinkedQueue<long[]> acks = new ConcurrentLinkedQueue<>();
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(16 << 10))) {
            try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    exec.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            long key = id * 1000L + i;
                            long first = s.append(List.of(event(key), event(-key)));
                            acks.add(new long[] {first, key});
                        }
                        return null;
                    });
                }
            }
            long total = 2L * threads * perThread;
            assertThat(s.endOffset()).isEqualTo(total);
            List<StreamRecord> all = readAll(s, 0);
            assertThat(all).hasSize((int) total);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).offset()).isEqualTo(i);
            }
            Set<Long> firsts = new HashSet<>();
            for (long[] ack : acks) {
                assertThat(firsts.add(ack[0])).isTrue();
                assertThat(all.get((int) ack[0]).payload()).isEqualTo(event(ack[1]));
                assertThat(all.get((int) ack[0] + 1).payload()).isEqualTo(event(-ack[1]));
            }
            assertThat(s.segmentBases()).hasSizeGreaterThan(3);
            assertThat(s.batchCount()).isLessThan((long) threads * perThread);
            assertThat(s.forceCount()).isLessThan((long) threads * perThread);
            System.out.printf("group commit: %d appends, %d batches, %d fsyncs%n",
                    threads * perThread, s.batchCount(), s.forceCount());
        }
    }

    /** Appends from {@code threads} virtual threads, {@code perThread} each; returns the group-commit count. */
    private long concurrentBatches(Duration commitDelay, int threads, int perThread) throws Exception {
        try (SegmentedEventStream s = open(dir.resolve("delay-" + commitDelay.toMillis()),
                options().withCommitDelay(commitDelay))) {
            try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    exec.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            s.append(List.of(event(id * 1000L + i)));
                        }
                        return null;
                    });
                }
            }
            assertThat(s.endOffset()).isEqualTo((long) threads * perThread);
            return s.batchCount();
        }
    }

    @Test
    void theCommitDelayLetsConcurrentAppendersShareFsyncs() throws Exception {
        int threads = 32;
        int perThread = 40;
        long without = concurrentBatches(Duration.ZERO, threads, perThread);
        long with = concurrentBatches(Duration.ofMillis(20), threads, perThread);
        System.out.printf("group commits for %d appends: %d without a commit delay, %d with 20 ms%n",
                threads * perThread, without, with);
        // each appender's appends are sequential, so 40 groups is the minimum; 20 ms is ample for all 32 appenders
        // to re-append, so the groups approach it (without the delay: 72 here, as the fsyncs happen to overlap)
        assertThat(with).isLessThanOrEqualTo(perThread + perThread / 4);
    }

    @Test
    void aLoneSequentialAppenderNeverWaitsForTheCommitDelay() throws Exception {
        try (SegmentedEventStream s = open(dir, options().withCommitDelay(Duration.ofMillis(100)))) {
            long start = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                s.append(List.of(event(i)));
            }
            // 30 appends that each waited the 100 ms delay would take 3 s; unwaited they take a few fsyncs' time
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(s.batchCount()).isEqualTo(30);
            assertThat(s.appendStats()).isEqualTo(new EventStream.AppendStats(30, 30, 30));
        }
    }

    @Test
    void reopenResumesOffsetsAndCommittedPositions() throws Exception {
        try (EventStream s = open(dir, options().withSegmentBytes(512))) {
            for (int i = 0; i < 100; i++) {
                s.append(List.of(event(i)));
            }
            s.commit("other", 10);
            s.commit("p", 40);
        }
        try (EventStream s = open(dir, options().withSegmentBytes(512))) {
            assertThat(s.endOffset()).isEqualTo(100);
            assertThat(s.committed("p")).isEqualTo(40);
            assertThat(s.committed("other")).isEqualTo(10);
            assertThat(s.append(List.of(event(100)))).isEqualTo(100);
            List<StreamRecord> all = readAll(s, 10);
            assertThat(all).extracting(StreamRecord::offset).containsExactlyElementsOf(range(10, 101));
            for (StreamRecord r : all) {
                assertThat(r.payload()).isEqualTo(event(r.offset()));
            }
            assertThat(s.read(57, 3, NO_WAIT)).extracting(StreamRecord::offset).containsExactly(57L, 58L, 59L);
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() throws Exception {
        try (EventStream s = open(dir, options())) {
            assertThatThrownBy(() -> open(dir, options())).hasMessageContaining("in use");
            s.append(List.of(event(1)));
        }
    }

    @Test
    void closedStreamRefusesAppendsAndReadsReturnEmpty() throws Exception {
        EventStream s = open(dir, options());
        s.append(List.of(event(1)));
        s.close();
        s.close();
        assertThatThrownBy(() -> s.append(List.of(event(2)))).isInstanceOf(IllegalStateException.class);
        assertThat(s.read(1, 10, Duration.ofSeconds(5))).isEmpty();
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
