package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.WindowSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The window and cell summaries every {@link SampleStore} must keep (issue 17); run by every adapter's test through
 * {@link SampleStoreContract}, which extends it.
 */
public abstract class SampleStoreSummariesContract extends SampleStoreFixture {
    /**
     * Window summaries (issue 17): kept with the rows of each write, merged per window when the window is a union of
     * whole cells (cells anchored off the epoch grid, as the processor anchors them on an endpoint's first request),
     * durable, not doubled by a replay, and absent — the rows are read — when some row of the window has none or a
     * cell is cut by the window.
     */
    @Nested
    class Summaries {
        /** T0 = 03:04:05.123456: off any 10-minute epoch grid. */
        final Duration base = Duration.ofMinutes(10);

        /** The summaries of {@code rows} per endpoint × hour × cell from T0, as the stream processor makes them. */
        List<CellSummary> cells(List<SampleRow> rows) {
            Map<List<Object>, CellSummary> out = new LinkedHashMap<>();
            for (SampleRow r : rows) {
                Window cell = CellSummary.cellOf(r.timestamp(), T0, base);
                long hour = CellSummary.hourOf(r.timestamp());
                CellSummary c = out.computeIfAbsent(List.of(r.uid(), hour, cell.start()),
                        k -> new CellSummary(r.project(), r.uid(), hour, cell, WindowSummary.create()));
                r.values().forEach((k, v) -> c.summary().column(k, null).update(v));
                c.summary().addRows(1);
                c.summary().completeRows();
            }
            return List.copyOf(out.values());
        }

        void write(List<SampleRow> rows, long next) {
            store.write(rows, cells(rows), next);
        }

        /** The sum and count of x read from the rows of the window. */
        double[] rowsOf(Window w) {
            SampleFrame f = store.read("p", "u", w);
            SampleFrame rows = f instanceof SummarizedFrame s ? s.rows() : f;
            double sum = 0;
            int n = 0;
            for (Object v : rows.values("x")) {
                if (v != null) {
                    sum += ((Number) v).doubleValue();
                    n++;
                }
            }
            return new double[] {sum, n, rows.timestamps().size()};
        }

        void assertSummaryOfRows(Window w) {
            WindowSummary s = store.summary("p", "u", w).orElseThrow(() -> new AssertionError("no summary of " + w));
            double[] rows = rowsOf(w);
            assertThat(s.rows()).as("rows of " + w).isEqualTo((long) rows[2]).isPositive();
            var x = s.column("x").orElseThrow();
            assertThat(x.finite()).as("x of " + w).isEqualTo((long) rows[1]);
            assertThat(x.mean() * x.finite()).as("sum of x in " + w).isCloseTo(rows[0], within(1e-9 * rows[0]));
            assertThat(store.read("p", "u", w)).as("a read carries the summary").isInstanceOf(SummarizedFrame.class);
        }

        @Test
        void aWindowOfWholeCellsHasTheMergedSummaryOfItsRowsDurablyAndOnce() throws Exception {
            List<SampleRow> first = rows("u", T0.minusSeconds(30), 1000, 4000);  // 03:03:35 to 04:10, across 04:00
            List<SampleRow> second = rows("u", T0.plus(Duration.ofMinutes(70)), 300, 3000);
            write(first, 1);
            write(second, 2);
            write(first, 1); // a replay of a stored range changes nothing
            List<Window> windows = List.of(Window.of(T0, base), Window.of(T0.plus(base.multipliedBy(5)), base),
                    Window.of(T0.plus(base.multipliedBy(7)), base), new Window(T0, T0.plus(base.multipliedBy(9))));
            for (Window w : windows) {
                assertSummaryOfRows(w);
            }
            store = reopen(store);
            for (Window w : windows) {
                assertSummaryOfRows(w);
            }
        }

        @Test
        void aWindowThatCutsACellOrHoldsRowsWithoutSummaryHasNone() throws Exception {
            List<SampleRow> summarized = rows("u", T0, 200, 3000);                       // [T0, T0 + 10 min)
            // without summaries, two hours later (stores that keep rows in hourly files may refuse a summary for
            // every window of an hour that has a file without one)
            Instant later = T0.plus(base.multipliedBy(12));
            List<SampleRow> plain = rows("u", later, 100, 3000);
            write(summarized, 1);
            store.write(plain, 2);
            assertThat(store.summary("p", "u", Window.of(T0, base))).isPresent();
            assertThat(store.summary("p", "u", Window.of(T0.plusSeconds(60), base))).as("cuts a cell").isEmpty();
            assertThat(store.summary("p", "u", Window.of(later, base))).as("rows without summary").isEmpty();
            assertThat(store.summary("p", "u", new Window(T0, later.plus(base)))).isEmpty();
            assertThat(store.read("p", "u", Window.of(later, base)).rowCount()).as("rows still read").isEqualTo(100);
        }
    }

    /**
     * The cells of a range ({@link SampleStore#cellSummaries}, drift over a range): every piece of each cell that
     * starts in the range — a cell that spans two hours has a piece in each, the later one found though its hour is
     * past the range's end —, only pieces whose cell overlaps the range, none of another endpoint, durable, and read
     * without reading a row ({@link #rowObjectsFetched()} unchanged, when the store can tell).
     */
    @Nested
    class CellSummaries {
        final Summaries summaries = new Summaries();
        /** The cells of u: T0 (03:04:05) to 05:04:05, 10-minute cells, [03:54:05, 04:04:05) across 04:00, etc. */
        final List<SampleRow> u = rows("u", T0, 1000, 7200);

        /** (cell, hour, rows) of each piece of u whose cell starts in {@code range}, as written. */
        List<List<Object>> expected(Window range) {
            return keys(summaries.cells(u).stream().filter(c -> range.contains(c.cell().start())).toList());
        }

        List<List<Object>> keys(List<CellSummary> pieces) {
            return pieces.stream().map(c -> List.<Object>of(c.cell(), c.hour(), c.summary().rows())).toList();
        }

        /** The pieces the store returns whose cell starts in {@code range}, after checking every piece it returns. */
        List<List<Object>> startingIn(Window range) {
            List<CellSummary> found = store.cellSummaries("p", "u", range);
            assertThat(found).as("every piece of u overlapping " + range).allMatch(c -> c.uid().equals("u")
                    && c.cell().start().isBefore(range.end()) && range.start().isBefore(c.cell().end()));
            return keys(found.stream().filter(c -> range.contains(c.cell().start())).toList());
        }

        @Test
        void aRangeGetsEveryPieceOfTheCellsThatStartInItAndNoRowIsRead() throws Exception {
            summaries.write(u, 1);
            summaries.write(rows("v", T0, 500, 7200), 2);
            Instant h4 = T0.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            Window hour4 = new Window(h4, h4.plus(Duration.ofHours(1)));
            Window twoHours = new Window(T0, T0.plus(Duration.ofHours(2)));
            Window offGrid = new Window(T0.plus(Duration.ofMinutes(25)), T0.plus(Duration.ofMinutes(95)));
            List<Window> ranges = List.of(hour4, twoHours, offGrid);
            store = reopen(store);
            long fetched = rowObjectsFetched().orElse(0);
            for (Window r : ranges) {
                assertThat(startingIn(r)).as(r.toString()).containsExactlyInAnyOrderElementsOf(expected(r));
            }
            assertThat(rowObjectsFetched().orElse(0)).as("row objects fetched").isEqualTo(fetched);
            if (rowObjectsFetched().isPresent()) {
                summaries.rowsOf(hour4);
                assertThat(rowObjectsFetched().getAsLong()).as("a read of rows is counted").isGreaterThan(fetched);
            }
            // 04:54:05 to 05:04:05 starts in hour 4 and has its second piece in hour 5, after the range
            assertThat(expected(hour4)).hasSize(7).filteredOn(k -> k.get(1).equals(CellSummary.hourOf(h4) + 1))
                    .hasSize(1);
            long rowsOfHour4 = u.stream().filter(r -> hour4.contains(CellSummary.cellOf(r.timestamp(), T0,
                    summaries.base).start())).count();
            assertThat(expected(hour4).stream().mapToLong(k -> (Long) k.get(2)).sum()).isEqualTo(rowsOfHour4);
            assertThat(store.cellSummaries("p", "w", twoHours)).as("another endpoint").isEmpty();
            assertThat(store.cellSummaries("p", "u", Window.of(T0.plus(Duration.ofHours(3)), Duration.ofHours(1))))
                    .as("after the rows").isEmpty();
        }
    }
}
