package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.WindowSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summary sidecars: written with the rows, merged per window, replay-safe, absent for rows written without. */
class ParquetSummaryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T11:50:00Z");
    private static final Duration BASE = Duration.ofMinutes(10);
    @TempDir
    Path tmp;

    private static List<SampleRow> rows(int n, int offsetSeconds) {
        List<SampleRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("x", (double) i);
            v.put("c", i % 3 == 0 ? "a" : "b");
            out.add(new SampleRow("p", "ep", T0.plusSeconds(offsetSeconds + 7L * i), "r" + i, 5, v, Map.of()));
        }
        return out;
    }

    /** The cell summaries of the rows, as the stream processor makes them (per hour and 10-minute cell). */
    private static List<CellSummary> cells(List<SampleRow> rows) {
        Map<List<Object>, CellSummary> out = new LinkedHashMap<>();
        for (SampleRow r : rows) {
            Window cell = CellSummary.cellOf(r.timestamp(), BASE);
            long hour = CellSummary.hourOf(r.timestamp());
            CellSummary c = out.computeIfAbsent(List.of(hour, cell.start()),
                    k -> new CellSummary("p", "ep", hour, cell, WindowSummary.create()));
            r.values().forEach((k, val) -> c.summary().column(k, null).update(val));
            c.summary().addRows(1);
        }
        return List.copyOf(out.values());
    }

    @Test
    void aWindowsSummaryIsMergedFromTheSidecarsOfItsFilesAndMatchesItsRows() throws Exception {
        try (ParquetSamples store = ParquetSamples.open(tmp)) {
            List<SampleRow> first = rows(200, 0);      // 11:50:00 .. 12:13:13, across an hour boundary
            List<SampleRow> second = rows(100, 1500);  // 12:15:00 .. later: a second flush
            store.write(first, cells(first), 10);
            store.write(second, cells(second), 20);
            store.write(first, cells(first), 10);      // a replay changes nothing
            for (Window w : List.of(Window.of(T0, BASE), Window.of(T0.plus(BASE), BASE),
                    new Window(T0, T0.plus(Duration.ofMinutes(40))))) {
                SampleFrame frame = store.read("p", "ep", w);
                assertThat(frame).isInstanceOf(SummarizedFrame.class);
                WindowSummary s = ((SummarizedFrame) frame).summary().orElseThrow();
                SampleFrame rows = ((SummarizedFrame) frame).rows();
                assertThat(s.rows()).as(w.toString()).isEqualTo(rows.rowCount());
                assertThat(frame.rowCount()).isEqualTo(rows.rowCount());
                double sum = 0;
                for (double x : rows.numeric("x")) {
                    sum += x;
                }
                var x = s.column("x").orElseThrow();
                assertThat(x.mean() * x.finite()).as(w.toString()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
            }
            try (Stream<Path> files = Files.walk(tmp)) {
                assertThat(files.filter(p -> p.toString().endsWith(".summary")).count()).isEqualTo(3);
            }
        }
    }

    @Test
    void windowsWithRowsWrittenWithoutSummaryOrOffTheGridHaveNone() {
        try (ParquetSamples store = ParquetSamples.open(tmp)) {
            List<SampleRow> old = rows(50, 0);
            store.write(old, 5); // as before this change: no sidecar
            List<SampleRow> fresh = rows(50, 1200);
            store.write(fresh, cells(fresh), 10);
            assertThat(store.summary("p", "ep", Window.of(T0, BASE))).isEmpty();
            assertThat(store.summary("p", "ep", Window.of(T0.plus(Duration.ofMinutes(20)), BASE))).isPresent();
            Window offGrid = Window.of(T0.plus(Duration.ofMinutes(25)), BASE);
            assertThat(store.summary("p", "ep", offGrid)).isEmpty();
            assertThat(store.read("p", "ep", offGrid).rowCount()).isPositive(); // rows still read
        }
    }
}
