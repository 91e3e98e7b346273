package io.driftwatch.store.embedded.log;

import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.event;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.open;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.options;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.range;
import static io.driftwatch.store.embedded.log.EmbeddedEventStreamTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.StreamRecord;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornTailTest {

    @TempDir
    Path dir;

    private Path lastSegment(int records) throws Exception {
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(400))) {
            for (int i = 0; i < records; i++) {
                s.append(List.of(event(i)));
            }
            return dir.resolve(RecordFormat.fileName(s.segmentBases().getLast()));
        }
    }

    private void assertRecoveredTo(long end) throws Exception {
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(400))) {
            assertThat(s.endOffset()).isEqualTo(end);
            List<StreamRecord> all = readAll(s, 0);
            assertThat(all).extracting(StreamRecord::offset).containsExactlyElementsOf(range(0, end));
            all.forEach(r -> assertThat(r.payload()).isEqualTo(event(r.offset())));
            assertThat(s.append(List.of(event(end)))).isEqualTo(end);
        }
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(400))) {
            assertThat(readAll(s, 0)).hasSize((int) end + 1);
        }
    }

    @Test
    void truncatedMidRecordDropsOnlyThatRecord() throws Exception {
        Path last = lastSegment(20);
        long size = Files.size(last);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(size - 5);
        }
        assertRecoveredTo(19);
    }

    @Test
    void truncatedInsideAHeaderDropsOnlyThatRecord() throws Exception {
        Path last = lastSegment(20);
        int lastRecord = RecordFormat.encodedSize(event(19));
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(Files.size(last) - lastRecord + 10);
        }
        assertRecoveredTo(19);
    }

    @Test
    void flippedByteInTheLastRecordDropsOnlyThatRecord() throws Exception {
        Path last = lastSegment(20);
        long size = Files.size(last);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.seek(size - 3);
            int b = f.read();
            f.seek(size - 3);
            f.write(b ^ 0x40);
        }
        assertRecoveredTo(19);
    }

    @Test
    void corruptionInAnEarlierRecordOfTheLastSegmentTruncatesFromThere() throws Exception {
        Path last = lastSegment(20);
        int n = RecordFormat.encodedSize(event(19)) + RecordFormat.encodedSize(event(18));
        long size = Files.size(last);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.seek(size - n + RecordFormat.RECORD_HEADER);
            f.write('X');
        }
        assertRecoveredTo(18);
    }

    @Test
    void zeroFilledTailIsDropped() throws Exception {
        Path last = lastSegment(20);
        Files.write(last, new byte[4096], StandardOpenOption.APPEND);
        assertRecoveredTo(20);
    }

    @Test
    void tornFileHeaderOfAFreshSegmentIsRewritten() throws Exception {
        lastSegment(20);
        Files.write(dir.resolve(RecordFormat.fileName(20)), new byte[] {0x44, 0x57});
        assertRecoveredTo(20);
    }

    @Test
    void corruptRecordInASealedSegmentIsNeverServed() throws Exception {
        lastSegment(20);
        Path first = dir.resolve(RecordFormat.fileName(0));
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            f.seek(RecordFormat.FILE_HEADER + RecordFormat.RECORD_HEADER + 2);
            f.write('#');
        }
        try (SegmentedEventStream s = open(dir, options().withSegmentBytes(400))) {
            assertThat(s.endOffset()).isEqualTo(20);
            assertThatThrownBy(() -> s.read(0, 10, Duration.ZERO))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("corrupt");
            long secondBase = s.segmentBases().get(1);
            assertThat(s.read(secondBase, 1, Duration.ZERO)).extracting(StreamRecord::offset)
                    .containsExactly(secondBase);
        }
    }
}
