package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.WindowSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SampleStore} must have: windows {@code start <= timestamp < end}, stored value types
 * (Double, Long, String, Boolean, null) kept per column, the stored offset, replays ignored (a write whose
 * {@code nextOffset <= storedOffset()} changes nothing), empty writes advancing the offset, and exports.
 * Subclass it and implement {@link #createStore()}; override {@link #reopen} when durable and
 * {@link #supportsParquetExport()} when parquet export is not available.
 */
public abstract class SampleStoreContract {
    protected SampleStore store;

    /** A new, empty store. */
    protected abstract SampleStore createStore() throws Exception;

    /** The same data opened again; in-memory stores return it as is. */
    protected SampleStore reopen(SampleStore old) throws Exception {
        return old;
    }

    /** Whether {@code export(..., "parquet", ...)} works; when not, it must throw UnsupportedOperationException. */
    protected boolean supportsParquetExport() {
        return true;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    /** A row with a numeric, an integer, a categorical, a boolean and a label column; every 5th has nulls. */
    protected static SampleRow row(String uid, Instant t, int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x", i % 5 == 4 ? null : i * 0.5);
        values.put("n", (long) i * 1_000_000_007L);
        values.put("color", i % 5 == 4 ? null : (i % 2 == 0 ? "red" : "blue, \"dark\""));
        values.put("flag", i % 3 == 0);
        values.put("p0", i % 2 == 0 ? 1.0 : 0.0);
        return new SampleRow("p", uid, t, "req-" + i, 1000L + i, values, Map.of("env", "prod"));
    }

    static List<SampleRow> rows(String uid, Instant start, int n, long stepMillis) {
        List<SampleRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(row(uid, start.plusMillis(i * stepMillis), i));
        }
        return out;
    }

    /** A JSON array of objects or NDJSON (one object per line). */
    static List<JsonNode> parseJsonRows(String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String trimmed = text.strip();
        List<JsonNode> out = new ArrayList<>();
        if (trimmed.startsWith("[")) {
            json.readTree(trimmed).forEach(out::add);
        } else {
            for (String line : trimmed.lines().filter(l -> !l.isBlank()).toList()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    /** Per-partition views ({@link SampleStore#forPartition}): one stored offset per (stream, partition). */
    @Nested
    class Partitions {
        final StreamPartition p0 = new StreamPartition("monitoring_stream_p", 0);
        final StreamPartition p1 = new StreamPartition("monitoring_stream_p", 1);

        @Test
        void theSinglePartitionIsTheStoreItself() {
            store.forPartition(StreamPartition.SINGLE).write(rows("u", T0, 2, 1000), 7);
            assertThat(store.storedOffset()).isEqualTo(7);
            assertThat(store.forPartition(StreamPartition.SINGLE).storedOffset()).isEqualTo(7);
        }

        @Test
        void offsetsOfDifferentPartitionsAreIndependentAndDurable() throws Exception {
            store.forPartition(p0).write(rows("u", T0, 3, 1000), 10);
            store.forPartition(p1).write(rows("v", T0, 2, 1000), 4);
            store.forPartition(p1).write(List.of(), 6);
            store = reopen(store);
            assertThat(store.forPartition(p0).storedOffset()).isEqualTo(10);
            assertThat(store.forPartition(p1).storedOffset()).isEqualTo(6);
            assertThat(store.storedOffset()).as("the single partition's offset").isZero();
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(3);
            assertThat(store.read("p", "v", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(2);
        }

        @Test
        void aReplayInOnePartitionIsANoOpAndTheSameRangeOfAnotherIsNot() throws Exception {
            List<SampleRow> batch = rows("u", T0, 4, 1000);
            store.forPartition(p0).write(batch.subList(0, 2), 10);
            store.forPartition(p0).write(batch, 10);
            store.forPartition(p0).write(batch, 3);
            store.forPartition(p1).write(batch.subList(2, 4), 10); // the same offsets in another partition
            store = reopen(store);
            store.forPartition(p0).write(batch, 10);
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(4);
            assertThat(store.forPartition(p0).storedOffset()).isEqualTo(10);
            assertThat(store.forPartition(p1).storedOffset()).isEqualTo(10);
        }
    }

    /** Writes and the stored offset. */
    @Nested
    class Writes {
        @Test
        void emptyStoreHasOffsetZeroAndNoRows() {
            assertThat(store.storedOffset()).isZero();
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofHours(1))).rowCount()).isZero();
        }

        @Test
        void replayedWriteIsIgnoredAndEmptyWriteAdvancesTheOffset() throws Exception {
            List<SampleRow> batch = rows("u", T0, 4, 1000);
            store.write(batch, 10);
            store.write(batch, 10);
            store.write(batch.subList(0, 2), 6);
            store.write(List.of(), 15);
            store = reopen(store);
            assertThat(store.storedOffset()).isEqualTo(15);
            assertThat(store.read("p", "u", Window.of(T0, Duration.ofMinutes(1))).rowCount()).isEqualTo(4);
        }

        @Test
        void microsecondTimestampsSurvive() {
            Instant t = T0.plusNanos(1000);
            store.write(List.of(row("u", t, 1)), 1);
            SampleFrame f = store.read("p", "u", new Window(t, t.plusNanos(1000)));
            assertThat(f.timestamps()).containsExactly(t);
        }
    }

    /** Reading a window. */
    @Nested
    class WindowReads {
        @Test
        void windowReadReturnsRowsInHalfOpenRangeWithTypesAndOrder() throws Exception {
            List<SampleRow> written = rows("u", T0, 10, 1000);
            store.write(written.subList(5, 10), 7);
            store.write(written.subList(0, 5), 12);
            store.write(rows("other", T0, 3, 1000), 13);
            store = reopen(store);
            assertThat(store.storedOffset()).isEqualTo(13);
            SampleFrame f = store.read("p", "u", new Window(T0.plusSeconds(1), T0.plusSeconds(9)));
            assertThat(f.rowCount()).isEqualTo(8);
            assertThat(f.columnNames()).containsExactly("x", "n", "color", "flag", "p0");
            assertThat(f.timestamps()).containsExactlyElementsOf(
                    written.subList(1, 9).stream().map(SampleRow::timestamp).toList());
            assertThat(f.values("x")).containsExactly(0.5, 1.0, 1.5, null, 2.5, 3.0, 3.5, 4.0);
            assertThat(f.values("n")).containsExactlyElementsOf(
                    written.subList(1, 9).stream().map(r -> r.values().get("n")).toList());
            assertThat(f.values("color")).containsExactly("blue, \"dark\"", "red", "blue, \"dark\"", null, "blue, \"dark\"",
                    "red", "blue, \"dark\"", "red");
            assertThat(f.values("flag")).containsExactly(false, false, true, false, false, true, false, false);
            assertThat(f.numeric("flag")).containsExactly(0, 0, 1, 0, 0, 1, 0, 0);
            double[] x = f.numeric("x");
            assertThat(Arrays.copyOf(x, 3)).containsExactly(0.5, 1.0, 1.5);
            assertThat(x[3]).isNaN();
            assertThat(f.numeric("color")[1]).isNaN();
        }

        @Test
        void unknownColumnIsAnErrorNamingIt() {
            store.write(rows("u", T0, 2, 1000), 2);
            SampleFrame f = store.read("p", "u", Window.of(T0, Duration.ofMinutes(1)));
            assertThatThrownBy(() -> f.numeric("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope");
        }
    }

    /** Deleting an endpoint. */
    @Nested
    class Deletion {
        @Test
        void deleteEndpointRemovesOnlyItsRows() {
            store.write(rows("u", T0, 3, 1000), 3);
            store.write(rows("v", T0, 2, 1000), 5);
            store.deleteEndpoint("p", "u");
            Window w = Window.of(T0, Duration.ofMinutes(1));
            assertThat(store.read("p", "u", w).rowCount()).isZero();
            assertThat(store.read("p", "v", w).rowCount()).isEqualTo(2);
            assertThat(store.storedOffset()).isEqualTo(5);
        }
    }

    /** Exports. */
    @Nested
    class Export {
        @Test
        void csvExportHasHeaderAndOneLinePerRowInRange() throws Exception {
            store.write(rows("u", T0, 6, 1000), 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.export("p", "u", T0, T0.plusSeconds(4), "csv", out);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(5);
            assertThat(lines.getFirst()).contains("timestamp", "x", "n", "color", "flag", "p0");
            assertThat(lines.get(2)).contains("req-1", "\"blue, \"\"dark\"\"\"");
        }

        @Test
        void jsonExportHasOneObjectPerRow() throws Exception {
            store.write(rows("u", T0, 6, 1000), 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.export("p", "u", T0.plusSeconds(1), T0.plusSeconds(3), "json", out);
            List<JsonNode> objects = parseJsonRows(out.toString(StandardCharsets.UTF_8));
            assertThat(objects).hasSize(2);
            assertThat(objects.get(0).get("x").asDouble()).isEqualTo(0.5);
            assertThat(objects.get(1).get("color").asText()).isEqualTo("red");
            assertThat(objects.get(1).get("flag").asBoolean()).isFalse();
        }

        @Test
        void parquetExportWritesAParquetFileOrSaysItCannot() throws Exception {
            store.write(rows("u", T0, 6, 1000), 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!supportsParquetExport()) {
                assertThatThrownBy(() -> store.export("p", "u", T0, T0.plusSeconds(10), "parquet", out))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("parquet");
                assertThat(out.size()).as("nothing half-written").isZero();
                return;
            }
            store.export("p", "u", T0, T0.plusSeconds(10), "parquet", out);
            byte[] bytes = out.toByteArray();
            assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        }

        @Test
        void unknownExportFormatIsRejected() {
            assertThatThrownBy(() -> store.export("p", "u", T0, T0.plusSeconds(1), "xlsx", new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xlsx");
        }
    }

    private static SampleRow inProject(String project, SampleRow r) {
        return new SampleRow(project, r.uid(), r.timestamp(), r.requestId(), r.latencyMicros(), r.values(),
                r.labels());
    }

    /** Project deletion: every row of the project goes, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesEveryEndpointOfThatProjectOnly() throws Exception {
            List<SampleRow> batch = new ArrayList<>(rows("u", T0, 3, 1000));
            batch.addAll(rows("v", T0, 2, 1000));
            batch.addAll(rows("u", T0, 4, 1000).stream().map(r -> inProject("q", r)).toList());
            store.write(batch, 1);
            store.deleteProject("p");
            store = reopen(store);
            Window w = Window.of(T0, Duration.ofHours(1));
            assertThat(store.read("p", "u", w).rowCount()).isZero();
            assertThat(store.read("p", "v", w).rowCount()).isZero();
            assertThat(store.read("q", "u", w).rowCount()).isEqualTo(4);
            assertThat(store.storedOffset()).isEqualTo(1);
        }
    }

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

    /** How many row objects or files the store has fetched (downloaded) so far; empty when it cannot tell. */
    protected OptionalLong rowObjectsFetched() throws Exception {
        return OptionalLong.empty();
    }

    /** Retention: rows of hours that ended before the cutoff go; rows at or after the cutoff stay. */
    @Nested
    class Retention {
        @Test
        void deleteOlderThanRemovesOldRowsAndKeepsTheRest() throws Exception {
            Instant cutoff = T0.plus(Duration.ofDays(2));
            List<SampleRow> batch = new ArrayList<>(rows("u", T0, 3, 1000));
            batch.addAll(rows("u", cutoff.minus(Duration.ofHours(2)), 2, 1000));
            batch.addAll(rows("u", cutoff, 4, 1000));
            batch.addAll(rows("v", cutoff.plusSeconds(3600), 1, 1000));
            store.write(batch, 1);
            assertThat(store.deleteOlderThan(cutoff)).isPositive();
            store = reopen(store);
            Window all = new Window(T0.minusSeconds(3600), cutoff.plus(Duration.ofDays(1)));
            assertThat(store.read("p", "u", all).timestamps()).allMatch(t -> !t.isBefore(cutoff.minusSeconds(3600)))
                    .hasSize(4);
            assertThat(store.read("p", "v", all).rowCount()).isEqualTo(1);
            assertThat(store.deleteOlderThan(cutoff)).isZero();
        }
    }
}
