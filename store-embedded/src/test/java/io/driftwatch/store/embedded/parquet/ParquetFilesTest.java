package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.SampleFrame;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ParquetFiles}: files written outside a store are read back like the store's own (the store-s3 path). */
class ParquetFilesTest {
    private static final Instant T = Instant.parse("2026-03-01T23:15:00Z");
    @TempDir
    Path tmp;

    private static SampleRow row(String uid, Instant t, double x, String req) {
        return new SampleRow("p", uid, t, req, 7, Map.of("x", x), Map.of("env", "prod"));
    }

    @Test
    void rowsAreWrittenSortedAndReadBackPerWindowAndExported() throws Exception {
        try (ParquetFiles files = ParquetFiles.open()) {
            Path a = tmp.resolve("a.parquet");
            Path b = tmp.resolve("b.parquet");
            files.write(List.of(row("u", T.plusSeconds(2), 2, "r2"), row("u", T, 0, "r0")), a);
            files.write(List.of(row("u", T.plusSeconds(1), 1, "r1")), b);
            SampleFrame f = files.frame(List.of(a, b), T, T.plusSeconds(2));
            assertThat(f.values("x")).containsExactly(0.0, 1.0);
            assertThat(f.timestamps()).containsExactly(T, T.plusSeconds(1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            files.export(List.of(a, b), T, T.plusSeconds(3), "CSV", out);
            assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(4);
            assertThat(files.frame(List.of(), T, T.plusSeconds(9)).rowCount()).isZero();
        }
    }

    @Test
    void writingRowsOfTwoEndpointsOrNoRowsIsRefused() {
        try (ParquetFiles files = ParquetFiles.open()) {
            assertThatThrownBy(() -> files.write(List.of(row("u", T, 0, "a"), row("v", T, 0, "b")),
                    tmp.resolve("x.parquet"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
            assertThatThrownBy(() -> files.write(List.of(), tmp.resolve("y.parquet")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Files.exists(tmp.resolve("y.parquet"))).isFalse();
        }
    }

    @Test
    void formatsAndHourPartitions() {
        assertThat(ParquetFiles.checkFormat("json")).contains("JSON");
        assertThatThrownBy(() -> ParquetFiles.checkFormat("xlsx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xlsx");
        assertThat(ParquetFiles.hourPartition(T)).isEqualTo("year=2026/month=03/day=01/hour=23");
    }
}
