package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The §11 layout, crash recovery of interrupted writes, type widening and input errors. */
class ParquetLayoutTest {
    static final Instant T = Instant.parse("2025-01-02T03:59:59.999999Z");

    @TempDir
    Path dir;

    static SampleRow row(String uid, Instant t, Object x) {
        return new SampleRow("proj", uid, t, "r-" + t.toEpochMilli(), 250, Collections.singletonMap("x", x),
                Map.of("env", "prod"));
    }

    static List<Path> parquetFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void rowsGoToOneFilePerEndpointAndHourInTheHivePartitionLayout() throws IOException {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.write(List.of(row("u1", T, 1.0), row("u1", T.plusNanos(1000), 2.0), row("u2", T, 3.0)), 40);
            s.write(List.of(row("u1", T.plusSeconds(1), 4.0)), 55);
        }
        assertThat(parquetFiles(dir)).extracting(p -> dir.relativize(p).toString()).containsExactly(
                "projects/proj/model-endpoints/parquet/key=u1/year=2025/month=01/day=02/hour=03/part-0-40.parquet",
                "projects/proj/model-endpoints/parquet/key=u1/year=2025/month=01/day=02/hour=04/part-0-40.parquet",
                "projects/proj/model-endpoints/parquet/key=u1/year=2025/month=01/day=02/hour=04/part-40-55.parquet",
                "projects/proj/model-endpoints/parquet/key=u2/year=2025/month=01/day=02/hour=03/part-0-40.parquet");
        assertThat(Files.readString(dir.resolve(ParquetSamples.OFFSET_FILE))).startsWith("next=55\n");
    }

    @Test
    void uncommittedWriteIsDiscardedAndCommittedWriteIsRolledForwardOnOpen() throws IOException {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.write(List.of(row("u", T, 1.0)), 10);
            s.write(List.of(row("u", T.minusSeconds(1), 2.0)), 20);
        }
        Path first = parquetFiles(dir).get(0);
        Path second = parquetFiles(dir).get(1);
        assertThat(second.getFileName().toString()).isEqualTo("part-10-20.parquet");
        // crash after the commit record, before the rename: the file still has its temporary name
        Files.move(second, Layout.temp(second));
        // and a later write that crashed before its commit
        Path orphan = Layout.temp(first.resolveSibling("part-20-30.parquet"));
        Files.copy(first, orphan);
        Files.writeString(dir.resolve(Journal.PENDING_FILE), "next=30\nfile=" + dir.relativize(
                orphan.resolveSibling("part-20-30.parquet")) + "\n");
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            assertThat(s.storedOffset()).isEqualTo(20);
            assertThat(Files.exists(second)).isTrue();
            assertThat(Files.exists(orphan)).isFalse();
            assertThat(Files.exists(dir.resolve(Journal.PENDING_FILE))).isFalse();
            SampleFrame f = s.read("proj", "u", Window.of(T.minusSeconds(10), Duration.ofMinutes(1)));
            assertThat(f.values("x")).containsExactly(2.0, 1.0);
            // the interrupted range is written again, once
            s.write(List.of(row("u", T.plusNanos(1000), 3.0)), 30);
            assertThat(s.read("proj", "u", Window.of(T.minusSeconds(10), Duration.ofMinutes(1))).values("x"))
                    .containsExactly(2.0, 1.0, 3.0);
        }
    }

    @Test
    void integerAndDoubleValuesWidenToDoubleAcrossAndWithinFiles() {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.write(List.of(row("u", T, 1L)), 1);
            s.write(List.of(row("u", T.plusNanos(1000), 2L), row("u", T.plusNanos(2000), 2.5)), 2);
            SampleFrame f = s.read("proj", "u", Window.of(T, Duration.ofSeconds(1)));
            assertThat(f.values("x")).containsExactly(1.0, 2.0, 2.5);
        }
    }

    @Test
    void largeWindowsReadTheWholeEndpointTree() {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            List<SampleRow> rows = new ArrayList<>();
            for (int d = 0; d < 40; d++) {
                rows.add(row("u", T.plus(Duration.ofDays(d)), (double) d));
            }
            s.write(rows, 40);
            SampleFrame f = s.read("proj", "u", Window.of(T.minus(Duration.ofDays(365)), Duration.ofDays(420)));
            assertThat(f.rowCount()).isEqualTo(40);
            assertThat(s.read("proj", "u", Window.of(T.plus(Duration.ofDays(10)), Duration.ofDays(5))).rowCount())
                    .isEqualTo(5);
        }
    }

    @Test
    void badInputIsRejectedWithItsName() {
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            SampleRow clash = new SampleRow("proj", "u", T, "r", 1, Map.of("latency", 1.0), Map.of());
            assertThatThrownBy(() -> s.write(List.of(clash), 1)).hasMessageContaining("latency");
            SampleRow badType = new SampleRow("proj", "u", T, "r", 1, Map.of("img", new int[] {1}), Map.of());
            assertThatThrownBy(() -> s.write(List.of(badType), 1)).hasMessageContaining("img");
            SampleRow badUid = new SampleRow("proj", "../etc", T, "r", 1, Map.of(), Map.of());
            assertThatThrownBy(() -> s.write(List.of(badUid), 1)).hasMessageContaining("../etc");
            assertThat(s.storedOffset()).isZero();
        }
    }
}
