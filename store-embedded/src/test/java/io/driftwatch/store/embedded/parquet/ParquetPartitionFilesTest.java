package io.driftwatch.store.embedded.parquet;

import static io.driftwatch.store.embedded.parquet.ParquetLayoutTest.T;
import static io.driftwatch.store.embedded.parquet.ParquetLayoutTest.parquetFiles;
import static io.driftwatch.store.embedded.parquet.ParquetLayoutTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.StreamPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-partition journals and file names: partitions never collide, a replayed range overwrites its file. */
class ParquetPartitionFilesTest {
    static final StreamPartition P0 = new StreamPartition("monitoring_stream_proj", 0);
    static final StreamPartition P1 = new StreamPartition("monitoring_stream_proj", 1);

    @TempDir
    Path dir;

    @Test
    void eachPartitionHasItsJournalAndFilesNamedByPartitionAndRange() throws IOException {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.write(List.of(row("u", T, 0.0)), 3); // the single partition, as before
            s.forPartition(P0).write(List.of(row("u", T, 1.0)), 10);
            s.forPartition(P1).write(List.of(row("u", T, 2.0)), 10);
            assertThat(s.forPartition(P0)).isSameAs(s.forPartition(P0));
        }
        assertThat(parquetFiles(dir)).extracting(p -> p.getFileName().toString()).containsExactly(
                "part-0-3.parquet", "part-monitoring_stream_proj-0-0-10.parquet",
                "part-monitoring_stream_proj-1-0-10.parquet");
        assertThat(Files.readString(dir.resolve("samples.offset.monitoring_stream_proj-0"))).startsWith("next=10\n");
        assertThat(Files.readString(dir.resolve(ParquetSamples.OFFSET_FILE))).startsWith("next=3\n");
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            assertThat(s.storedOffset()).isEqualTo(3);
            assertThat(s.forPartition(P0).storedOffset()).isEqualTo(10);
            assertThat(s.read("proj", "u", Window.of(T, Duration.ofSeconds(1))).rowCount()).isEqualTo(3);
        }
    }

    @Test
    void aCommittedPartitionWriteIsRolledForwardOnOpenBeforeThePartitionIsUsed() throws IOException {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.forPartition(P0).write(List.of(row("u", T, 1.0)), 10);
        }
        Path file = parquetFiles(dir).getFirst();
        Files.move(file, Layout.temp(file)); // a crash after the commit record, before the rename
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            assertThat(Files.exists(file)).isTrue();
            assertThat(s.read("proj", "u", Window.of(T, Duration.ofSeconds(1))).rowCount()).isEqualTo(1);
        }
    }

    @Test
    void anUncommittedPartitionWriteIsDiscardedAndItsRangeWrittenOnceAgain() throws IOException {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.forPartition(P1).write(List.of(row("u", T, 1.0)), 10);
        }
        Path first = parquetFiles(dir).getFirst();
        // a write of [10, 20) that crashed before its commit: a temporary file and the pending record
        Path target = first.resolveSibling("part-monitoring_stream_proj-1-10-20.parquet");
        Files.copy(first, Layout.temp(target));
        Files.writeString(dir.resolve("samples.pending.monitoring_stream_proj-1"),
                "next=20\nfile=" + dir.relativize(target) + "\n");
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            SampleStore p1 = s.forPartition(P1);
            assertThat(p1.storedOffset()).isEqualTo(10);
            assertThat(Files.exists(Layout.temp(target))).isFalse();
            p1.write(List.of(row("u", T.minusSeconds(1), 2.0)), 20);
            p1.write(List.of(row("u", T.minusSeconds(1), 2.0)), 20); // a replay: nothing
            assertThat(s.read("proj", "u", Window.of(T.minusSeconds(1), Duration.ofSeconds(2))).values("x")).containsExactly(2.0, 1.0);
        }
        assertThat(Files.exists(target)).isTrue();
    }
}
