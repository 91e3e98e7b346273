package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.Window;
import io.driftwatch.engine.drift.MergedRange;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.stats.summary.WindowSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetSamples#cellSummaries} (drift over a range): reads only the summary sidecars of the range's hours,
 * and of later hours while a found cell continues into them; returns every piece of a cell that overlaps the range;
 * skips an unreadable sidecar. With {@link MergedRange} a cell belongs to the range it starts in.
 */
class ParquetCellSummariesTest {
    private static final Instant H10 = Instant.parse("2026-12-01T10:00:00Z");
    @TempDir
    Path dir;

    private static CellSummary piece(String start, String end, String hourStart, long rows) {
        WindowSummary s = WindowSummary.create();
        s.addRows(rows);
        Window w = new Window(Instant.parse(start), Instant.parse(end));
        return new CellSummary("p", "ep", CellSummary.hourOf(Instant.parse(hourStart)), w, s);
    }

    @Test
    void aRangeGetsEveryPieceOfItsCellsAndMergesThoseThatStartInIt() throws Exception {
        try (ParquetSamples store = ParquetSamples.open(dir)) {
            List<CellSummary> pieces = List.of(
                    piece("2026-12-01T09:50:00Z", "2026-12-01T10:10:00Z", "2026-12-01T09:00:00Z", 1),   // D, hour 9
                    piece("2026-12-01T09:50:00Z", "2026-12-01T10:10:00Z", "2026-12-01T10:00:00Z", 2),   // D, hour 10
                    piece("2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z", "2026-12-01T10:00:00Z", 10),  // A
                    piece("2026-12-01T10:30:00Z", "2026-12-01T12:30:00Z", "2026-12-01T10:00:00Z", 100), // B, hour 10
                    piece("2026-12-01T10:30:00Z", "2026-12-01T12:30:00Z", "2026-12-01T11:00:00Z", 200), // B, hour 11
                    piece("2026-12-01T10:30:00Z", "2026-12-01T12:30:00Z", "2026-12-01T12:00:00Z", 400), // B, hour 12
                    piece("2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z", "2026-12-01T11:00:00Z", 5000)); // C
            store.write(List.of(), pieces.subList(0, 4), 1);
            store.write(List.of(), pieces.subList(4, 7), 2);
            Path hour10;
            try (var walk = Files.walk(dir)) {
                hour10 = walk.filter(f -> f.getFileName().toString().equals("hour=10")).findFirst().orElseThrow();
            }
            Files.write(hour10.resolve("part-bad.summary"), new byte[] {1, 2, 3});

            Window range = new Window(H10, H10.plusSeconds(3600));
            List<CellSummary> found = store.cellSummaries("p", "ep", range);
            assertThat(found).extracting(c -> c.summary().rows()).containsExactlyInAnyOrder(2L, 10L, 100L, 200L, 400L);
            MergedRange m = MergedRange.of(range, found);
            assertThat(m.cells()).isEqualTo(2);
            assertThat(m.rows()).isEqualTo(10 + 100 + 200 + 400);
            assertThat(m.excludedCells()).as("D started at 09:50").isEqualTo(1);
            assertThat(m.covered()).contains(new Window(H10, Instant.parse("2026-12-01T12:30:00Z")));
            assertThat(store.cellSummaries("p", "other", range)).isEmpty();
        }
    }
}
