package io.driftwatch.store.embedded.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.store.embedded.golden.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of the embedded stream log ({@link RecordFormat} segments and the {@link ConsumerOffsets} file):
 * today's writer produces exactly the committed bytes, and the committed files read back as the records and
 * offsets they were written from. Regenerate with {@code -Dgolden.update=true} (see {@link GoldenFiles}).
 */
class StreamLogGoldenTest {
    private static final String DIR = "stream-log/";
    /** Small segments, so that the golden log has a sealed segment (offsets 0-2) and an active one (3). */
    private static final long SEGMENT_BYTES = 160;
    private static final Instant FIRST = Instant.parse("2025-01-02T03:04:05.678Z");
    private static final Instant SECOND = Instant.parse("2025-01-02T03:05:00Z");
    private static final List<String> PAYLOADS = List.of(
            "{\"endpoint_id\":\"e1\",\"inputs\":[[1.5,2]]}",
            "{\"endpoint_id\":\"e1\",\"outputs\":[0]}",
            "",
            "{\"endpoint_id\":\"é2\"}");
    private static final List<String> FILES = List.of(
            RecordFormat.fileName(0), RecordFormat.fileName(3), ConsumerOffsets.FILE);

    @TempDir
    Path dir;

    private static EmbeddedEventStream.Options options(Instant now) {
        return EmbeddedEventStream.Options.defaults().withSegmentBytes(SEGMENT_BYTES)
                .withConsumers(Set.of(EventStream.STREAM_PROCESSOR))
                .withClock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writingProducesTheGoldenSegmentsAndOffsets() throws Exception {
        try (EventStream s = EmbeddedEventStream.open(dir, options(FIRST))) {
            s.append(List.of(utf8(PAYLOADS.get(0)), utf8(PAYLOADS.get(1))));
            s.append(List.of(utf8(PAYLOADS.get(2))));
        }
        try (EventStream s = EmbeddedEventStream.open(dir, options(SECOND))) {
            s.append(List.of(utf8(PAYLOADS.get(3))));
            s.commit(EventStream.STREAM_PROCESSOR, 2);
            s.commit("parquet-exporter", 3);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(FILES.get(0), FILES.get(1), FILES.get(2), SegmentedEventStream.LOCK_FILE);
        }
        for (String f : FILES) {
            GoldenFiles.assertBytes(DIR + f, Files.readAllBytes(dir.resolve(f)));
        }
    }

    @Test
    void theGoldenLogReadsAsTheRecordsAndOffsetsItHolds() throws Exception {
        for (String f : FILES) {
            Files.copy(GoldenFiles.path(DIR + f), dir.resolve(f));
        }
        try (EventStream s = EmbeddedEventStream.open(dir, options(SECOND))) {
            assertThat(s.endOffset()).isEqualTo(4);
            assertThat(s.read(0, 10, Duration.ZERO)).containsExactly(
                    new StreamRecord(0, FIRST.toEpochMilli(), utf8(PAYLOADS.get(0))),
                    new StreamRecord(1, FIRST.toEpochMilli(), utf8(PAYLOADS.get(1))),
                    new StreamRecord(2, FIRST.toEpochMilli(), utf8(PAYLOADS.get(2))),
                    new StreamRecord(3, SECOND.toEpochMilli(), utf8(PAYLOADS.get(3))));
            assertThat(s.committed(EventStream.STREAM_PROCESSOR)).isEqualTo(2);
            assertThat(s.committed("parquet-exporter")).isEqualTo(3);
        }
    }
}
