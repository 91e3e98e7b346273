package io.driftwatch.stats.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.FeatureStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the serialized form (version 1): a fixed summary must serialize to the committed bytes, and the committed
 * bytes must read back into that summary. A change of the layout fails here: it needs a new version, a reader of
 * the old one, and a new golden file ({@code -Dgolden.update=true} rewrites it).
 */
class SummaryGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/window_summary_v1.bin");

    /** 120 rows (below KLL's k, so the sketch holds every value and its bytes are deterministic). */
    static WindowSummary fixed() {
        FeatureStats reference = SummaryData.reference(5, 200);
        List<Map<String, Object>> rows = SummaryData.window(5, 120, 0.3);
        return SummaryData.summarize(rows, reference);
    }

    @Test
    void theSerializedFormIsTheGoldenFile() throws IOException {
        byte[] bytes = fixed().toByteArray();
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, bytes);
        }
        assertThat(bytes).isEqualTo(Files.readAllBytes(GOLDEN));
    }

    @Test
    void theGoldenFileReadsBackIntoTheSummary() throws IOException {
        WindowSummary read = WindowSummary.fromByteArray(Files.readAllBytes(GOLDEN));
        WindowSummary expected = fixed();
        assertThat(read.rows()).isEqualTo(120);
        assertThat(read.columnNames()).containsExactly("x", "y", "color", "flag", "extra");
        for (String col : expected.columnNames()) {
            ColumnSummary e = expected.column(col).orElseThrow();
            ColumnSummary r = read.column(col).orElseThrow();
            assertThat(SummaryMergeTest.exact(r)).as(col).isEqualTo(SummaryMergeTest.exact(e));
            assertThat(Double.valueOf(r.mean())).as(col).isEqualTo(Double.valueOf(e.mean()));
            assertThat(Double.valueOf(r.quantile(0.5))).as(col).isEqualTo(Double.valueOf(e.quantile(0.5)));
            assertThat(r.frequentItems()).as(col).isEqualTo(e.frequentItems());
        }
        // not byte-identical on re-serialization: a heapified KLL sketch writes its level 0 sorted
        WindowSummary again = WindowSummary.fromByteArray(read.toByteArray());
        for (String col : expected.columnNames()) {
            assertThat(SummaryMergeTest.exact(again.column(col).orElseThrow())).as(col)
                    .isEqualTo(SummaryMergeTest.exact(expected.column(col).orElseThrow()));
        }
    }

    @Test
    void otherVersionsAndOtherBytesAreRefusedByName() throws IOException {
        byte[] bytes = Files.readAllBytes(GOLDEN);
        bytes[5] = 9;
        assertThatThrownBy(() -> WindowSummary.fromByteArray(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9 is not supported");
        assertThatThrownBy(() -> WindowSummary.fromByteArray(new byte[] {1, 2, 3, 4, 5, 6, 7}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a window summary");
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(GOLDEN), 40);
        assertThatThrownBy(() -> WindowSummary.fromByteArray(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated or corrupt");
    }
}
