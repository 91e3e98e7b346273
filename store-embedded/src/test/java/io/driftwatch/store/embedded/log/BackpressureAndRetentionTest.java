package io.driftwatch.store.embedded.log;

import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.event;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.open;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.options;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.engine.port.StreamRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpressureAndRetentionTest {

    @TempDir
    Path dir;

    @Test
    void backpressureTriggersAtTheRecordBoundAndClearsAfterCommit() throws Exception {
        try (SegmentedEventStream s = open(dir, options().withMaxLag(10, 1 << 20))) {
            for (int i = 0; i < 10; i++) {
                s.append(List.of(event(i)));
            }
            assertThatThrownBy(() -> s.append(List.of(event(10))))
                    .isInstanceOfSatisfying(StreamBackpressureException.class, e -> {
                        assertThat(e.lag()).isEqualTo(10);
                        assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
                    });
            assertThat(s.endOffset()).isEqualTo(10);

            s.commit("p", 3);
            assertThat(s.append(List.of(event(10), event(11), event(12)))).isEqualTo(10);
            assertThatThrownBy(() -> s.append(List.of(event(13)))).isInstanceOf(StreamBackpressureException.class);
            assertThatThrownBy(() -> s.append(Collections.nCopies(11, event(0))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void backpressureTriggersAtTheByteBound() throws Exception {
        byte[] kb = new byte[1000];
        try (SegmentedEventStream s = open(dir, options().withMaxLag(1_000_000, 5 * 1024))) {
            for (int i = 0; i < 5; i++) {
                s.append(List.of(kb));
            }
            assertThatThrownBy(() -> s.append(List.of(kb))).isInstanceOf(StreamBackpressureException.class);
            s.commit("p", 5);
            s.append(List.of(kb));
        }
    }

    @Test
    void slowestRegisteredConsumerGovernsAndUnregisteredStreamHasNoBound() throws Exception {
        try (SegmentedEventStream s = open(dir, options().withConsumers(Set.of()).withMaxLag(5, 1 << 20))) {
            for (int i = 0; i < 20; i++) {
                s.append(List.of(event(i)));
            }
            s.commit("a", 20);
            s.commit("b", 16);
            s.append(List.of(event(20)));
            assertThatThrownBy(() -> s.append(List.of(event(21)))).isInstanceOf(StreamBackpressureException.class);
            s.commit("b", 21);
            s.append(List.of(event(21)));
        }
    }

    @Test
    void retentionDeletesOnlySegmentsWhollyBelowTheCommittedOffset() throws Exception {
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(300))) {
            for (int i = 0; i < 30; i++) {
                s.append(List.of(event(i)));
            }
            List<Long> bases = s.segmentBases();
            assertThat(bases).hasSizeGreaterThan(4).startsWith(0L);
            long secondBase = bases.get(1);
            long thirdBase = bases.get(2);

            s.commit("p", thirdBase - 1);
            assertThat(s.segmentBases()).startsWith(secondBase);
            assertThat(Files.exists(dir.resolve(RecordFormat.fileName(0)))).isFalse();
            assertThat(Files.exists(dir.resolve(RecordFormat.fileName(secondBase)))).isTrue();

            s.commit("p", thirdBase);
            assertThat(s.segmentBases()).startsWith(thirdBase);
            assertThat(readAll(s, 0)).extracting(StreamRecord::offset).first().isEqualTo(thirdBase);

            s.commit("p", 30);
            assertThat(s.segmentBases()).containsExactly(bases.getLast());
            s.append(List.of(event(30)));
            assertThat(s.read(30, 5, Duration.ZERO)).extracting(StreamRecord::offset).containsExactly(30L);
        }
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(300))) {
            assertThat(s.endOffset()).isEqualTo(31);
            assertThat(readAll(s, 0)).isNotEmpty().allSatisfy(r -> assertThat(r.payload()).isEqualTo(event(r.offset())));
        }
    }

    @Test
    void registeredConsumerWithoutCommitHoldsBackRetention() throws Exception {
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(300).withConsumers(Set.of("p", "q")))) {
            for (int i = 0; i < 30; i++) {
                s.append(List.of(event(i)));
            }
            int segments = s.segmentBases().size();
            s.commit("p", 30);
            assertThat(s.segmentBases()).hasSize(segments);
            s.commit("q", 30);
            assertThat(s.segmentBases()).hasSize(1);
        }
    }
}
