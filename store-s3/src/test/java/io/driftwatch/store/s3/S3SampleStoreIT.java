package io.driftwatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.WindowSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Exactly-once on S3: deterministic names, per-partition offsets, the cleanup of an interrupted write. */
class S3SampleStoreIT {
    static final Instant T0 = Instant.parse("2026-03-01T11:58:00Z");
    static final StreamPartition P3 = new StreamPartition("monitoring_stream_p", 3);
    static final StreamPartition P5 = new StreamPartition("monitoring_stream_p", 5);
    private static final AtomicInteger RUN = new AtomicInteger();
    private final List<S3SampleStore> opened = new ArrayList<>();
    private Bucket bucket;
    private String base;

    @BeforeEach
    void setUp() {
        bucket = S3ProxyFixture.get().bucket("driftwatch-test");
        base = "behaviour-" + ProcessHandle.current().pid() + "-" + RUN.incrementAndGet() + "/";
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3SampleStore::close);
    }

    private S3SampleStore open() {
        Path dir = Path.of("target", "s3-test", base + "open-" + RUN.incrementAndGet()).toAbsolutePath();
        S3SampleStore s = S3SampleStore.open(bucket, base, dir.resolve("cache"), dir.resolve("staging"));
        opened.add(s);
        return s;
    }

    /** Rows {@code from..to-1} (one per offset), alternating endpoints u and v, spanning the hour at 12:00. */
    static List<SampleRow> rows(int from, int to) {
        List<SampleRow> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new SampleRow("p", i % 2 == 0 ? "u" : "v", T0.plusSeconds(10L * i), "req-" + i, 100 + i,
                    Map.of("x", i * 1.0), Map.of()));
        }
        return out;
    }

    private List<String> parquetKeys() {
        return bucket.list(base + "projects/").stream().map(S3Object::key).filter(k -> k.endsWith(".parquet"))
                .toList();
    }

    static List<String> requestIds(SampleStore store, String uid) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.export("p", uid, T0.minusSeconds(3600), T0.plus(Duration.ofDays(1)), "csv", out);
        return out.toString(StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",")[2]).toList();
    }

    @Test
    void objectNamesFollowTheLayoutWithPartitionAndOffsetRange() {
        S3SampleStore store = open();
        store.forPartition(P3).write(rows(0, 20), 20);
        assertThat(parquetKeys()).containsExactlyInAnyOrder(
                base + "projects/p/model-endpoints/parquet/key=u/year=2026/month=03/day=01/hour=11/"
                        + "part-monitoring_stream_p-3-0-20.parquet",
                base + "projects/p/model-endpoints/parquet/key=u/year=2026/month=03/day=01/hour=12/"
                        + "part-monitoring_stream_p-3-0-20.parquet",
                base + "projects/p/model-endpoints/parquet/key=v/year=2026/month=03/day=01/hour=11/"
                        + "part-monitoring_stream_p-3-0-20.parquet",
                base + "projects/p/model-endpoints/parquet/key=v/year=2026/month=03/day=01/hour=12/"
                        + "part-monitoring_stream_p-3-0-20.parquet");
        assertThat(bucket.get(base + "offsets/monitoring_stream_p/3.json")).map(s -> new String(s.bytes(),
                StandardCharsets.UTF_8)).contains("{\"next\":20}");
    }

    @Test
    void aReplayedFlushOverwritesTheSameObjects() throws Exception {
        S3SampleStore store = open();
        store.forPartition(P3).write(rows(0, 20), 20);
        List<String> before = parquetKeys();
        // the offset rewound and no pending record: the store cannot know the range was written, it writes it again
        bucket.put(base + "offsets/monitoring_stream_p/3.json", "{\"next\":0}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        bucket.delete(List.of(base + "offsets/monitoring_stream_p/3.pending.json"));
        SampleStore again = open().forPartition(P3);
        assertThat(again.storedOffset()).isZero();
        again.write(rows(0, 20), 20);
        assertThat(parquetKeys()).containsExactlyInAnyOrderElementsOf(before).hasSize(4);
        S3SampleStore reader = open();
        assertThat(requestIds(reader, "u")).hasSize(10).doesNotHaveDuplicates();
        assertThat(requestIds(reader, "v")).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void aWriteInterruptedBeforeItsOffsetIsRemovedAndWrittenOnceWithOtherBoundaries() throws Exception {
        S3SampleStore crashed = open();
        SampleStore p = crashed.forPartition(P3);
        p.write(rows(0, 10), 10);
        p.write(rows(10, 25), 25);
        // the crash: the objects of [10, 25) and the pending record were written, the offset not
        bucket.put(base + "offsets/monitoring_stream_p/3.json", "{\"next\":10}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        bucket.put(base + "offsets/monitoring_stream_p/3.pending.json",
                ("{\"next\":25,\"keys\":[" + String.join(",", parquetKeys().stream().filter(k -> k.contains("-10-25."))
                        .map(k -> "\"" + k + "\"").toList()) + "]}").getBytes(StandardCharsets.UTF_8),
                "application/json");
        SampleStore restarted = open().forPartition(P3);
        assertThat(restarted.storedOffset()).isEqualTo(10);
        assertThat(parquetKeys()).noneMatch(k -> k.contains("-10-25."));
        restarted.write(rows(10, 30), 30); // the replay with another flush boundary
        S3SampleStore reader = open();
        assertThat(requestIds(reader, "u")).hasSize(15).doesNotHaveDuplicates();
        assertThat(requestIds(reader, "v")).hasSize(15).doesNotHaveDuplicates();
    }

    @Test
    void eachPartitionKeepsItsOwnOffsetAndAllAreRead() {
        S3SampleStore store = open();
        store.forPartition(P3).write(rows(0, 6), 6);
        store.forPartition(P5).write(rows(6, 10), 40);
        store.forPartition(P5).write(List.of(), 44);
        store.forPartition(P3).write(rows(0, 6), 6); // a replay: nothing changes
        S3SampleStore reopened = open();
        assertThat(reopened.storedOffset()).isZero();
        assertThat(reopened.forPartition(StreamPartition.SINGLE)).isSameAs(reopened);
        assertThat(reopened.forPartition(P3).storedOffset()).isEqualTo(6);
        assertThat(reopened.forPartition(P5).storedOffset()).isEqualTo(44);
        SampleFrame u = reopened.read("p", "u", new Window(T0, T0.plus(Duration.ofHours(1))));
        assertThat(u.values("x")).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
    }

    @Test
    void readsOfLongWindowsListDayFoldersAndFindEveryHour() {
        S3SampleStore store = open();
        List<SampleRow> batch = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            batch.add(new SampleRow("p", "u", T0.plus(Duration.ofHours(17L * d)), "req-" + d, 1, Map.of("x", 1.0 * d),
                    Map.of()));
        }
        store.write(batch, 5);
        SampleFrame f = open().read("p", "u", new Window(T0, T0.plus(Duration.ofDays(4))));
        assertThat(f.values("x")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(open().read("p", "u", new Window(T0.plus(Duration.ofHours(17)), T0.plus(Duration.ofHours(18))))
                .values("x")).containsExactly(1.0);
        assertThat(open().read("p", "u", new Window(T0.minus(Duration.ofDays(90)), T0.plus(Duration.ofDays(90))))
                .rowCount()).isEqualTo(5);
    }

    @Test
    void anOverwrittenObjectIsDownloadedAgainAndItsOldCopyRemoved() throws Exception {
        S3SampleStore writer = open();
        writer.forPartition(P3).write(rows(0, 4), 4);
        S3SampleStore reader = open();
        Window hour = new Window(T0, T0.plus(Duration.ofMinutes(1)));
        assertThat(reader.read("p", "u", hour).values("x")).containsExactly(0.0, 2.0);
        bucket.put(base + "offsets/monitoring_stream_p/3.json", "{\"next\":0}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        List<SampleRow> changed = rows(0, 4).stream().map(r -> new SampleRow(r.project(), r.uid(), r.timestamp(),
                r.requestId(), r.latencyMicros(), Map.of("x", -1.0), r.labels())).toList();
        open().forPartition(P3).write(changed, 4);
        assertThat(reader.read("p", "u", hour).values("x")).containsExactly(-1.0, -1.0);
        try (java.util.stream.Stream<Path> cached = java.nio.file.Files.walk(Path.of("target", "s3-test"))) {
            assertThat(cached.filter(f -> f.toString().contains(base) && f.toString().contains("key=u")
                    && f.getFileName().toString().startsWith("part-monitoring_stream_p-3-0-4.")).toList())
                    .as("one cached copy per reader").hasSize(1);
        }
    }

    /** The summaries of {@code rows} per endpoint × hour × 2-minute cell from T0, as the stream processor makes them. */
    static List<CellSummary> cells(List<SampleRow> rows) {
        Map<List<Object>, CellSummary> out = new LinkedHashMap<>();
        for (SampleRow r : rows) {
            Window cell = CellSummary.cellOf(r.timestamp(), T0, Duration.ofMinutes(2));
            long hour = CellSummary.hourOf(r.timestamp());
            CellSummary c = out.computeIfAbsent(List.of(r.uid(), hour, cell.start()),
                    k -> new CellSummary(r.project(), r.uid(), hour, cell, WindowSummary.create()));
            r.values().forEach((k, v) -> c.summary().column(k, null).update(v));
            c.summary().addRows(1);
            c.summary().completeRows();
        }
        return List.copyOf(out.values());
    }

    private List<String> summaryKeys() {
        return bucket.list(base + "projects/").stream().map(S3Object::key).filter(k -> k.endsWith(".summary"))
                .toList();
    }

    private long cachedCopies() throws Exception {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of("target", "s3-test", base))) {
            return files.filter(f -> f.toString().endsWith(".parquet")).count();
        }
    }

    @Test
    void summariesAreObjectsBesideTheirRowsOverwrittenByAReplayAndReadWithoutDownloadingRows() throws Exception {
        List<SampleRow> rows = rows(0, 20);
        open().forPartition(P3).write(rows, cells(rows), 20);
        List<String> beside = parquetKeys().stream().map(k -> k.replace(".parquet", ".summary")).toList();
        assertThat(summaryKeys()).containsExactlyInAnyOrderElementsOf(beside).hasSize(4);
        bucket.put(base + "offsets/monitoring_stream_p/3.json", "{\"next\":0}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        bucket.delete(List.of(base + "offsets/monitoring_stream_p/3.pending.json"));
        open().forPartition(P3).write(rows, cells(rows), 20); // a replay: the same names, overwritten
        assertThat(summaryKeys()).containsExactlyInAnyOrderElementsOf(beside);

        S3SampleStore reader = open();
        Window w = Window.of(T0, Duration.ofMinutes(2)); // 11:58–12:00: u's rows 0, 2, …, 10
        SampleFrame f = reader.read("p", "u", w);
        assertThat(((SummarizedFrame) f).summary()).map(WindowSummary::rows).contains(6L);
        assertThat(f.rowCount()).isEqualTo(6);
        assertThat(cachedCopies()).as("no Parquet object downloaded for the summary").isZero();
        assertThat(f.values("x")).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(cachedCopies()).isPositive();
        assertThat(reader.summary("p", "u", Window.of(T0.plusSeconds(60), Duration.ofMinutes(2)))).as("cuts a cell")
                .isEmpty();
    }

    private static List<List<Object>> pieces(List<CellSummary> cells) {
        return cells.stream().map(c -> List.<Object>of(c.uid(), c.cell(), c.hour(), c.summary().rows())).toList();
    }

    /**
     * {@code cellSummaries} lists hour folders for an hour, day folders for a week, the endpoint's folder for
     * months, and finds the same pieces each way from the summary objects alone, an undecodable one left out.
     */
    @Test
    void aRangeOfHoursDaysOrMonthsGetsItsCellsFromTheSummaryObjectsOnly() throws Exception {
        List<SampleRow> rows = rows(0, 200); // 11:58:00 to 12:31:10, u and v
        open().forPartition(P3).write(rows, cells(rows), 200);
        String inHour12 = summaryKeys().stream().filter(k -> k.contains("/hour=12/")).findFirst().orElseThrow();
        bucket.put(inHour12.substring(0, inHour12.lastIndexOf('/') + 1) + "part-bad.summary", new byte[] {1, 2, 3},
                "application/octet-stream");
        S3SampleStore reader = open();
        Window hour12 = new Window(T0.plusSeconds(120), T0.plusSeconds(3720));
        List<Window> ranges = List.of(hour12, new Window(T0.minus(Duration.ofDays(3)), T0.plus(Duration.ofDays(4))),
                new Window(T0.minus(Duration.ofDays(100)), T0.plus(Duration.ofDays(1))));
        for (Window r : ranges) {
            List<CellSummary> expected = cells(rows).stream().filter(c -> c.uid().equals("u")
                    && c.cell().start().isBefore(r.end()) && r.start().isBefore(c.cell().end())).toList();
            assertThat(pieces(reader.cellSummaries("p", "u", r))).as(r.toString())
                    .containsExactlyInAnyOrderElementsOf(pieces(expected)).isNotEmpty();
        }
        assertThat(reader.cellSummaries("p", "u", hour12)).hasSize(16); // 12:00 to 12:32, 2-minute cells
        assertThat(cachedCopies()).as("no Parquet object downloaded").isZero();
    }

    @Test
    void theSummariesOfAnInterruptedWriteAreRemovedWithItsRows() {
        SampleStore p = open().forPartition(P3);
        p.write(rows(0, 10), cells(rows(0, 10)), 10);
        p.write(rows(10, 25), cells(rows(10, 25)), 25);
        assertThat(summaryKeys()).anyMatch(k -> k.contains("-10-25."));
        // the crash: the objects of [10, 25) and its pending record were written, the offset not
        bucket.put(base + "offsets/monitoring_stream_p/3.json", "{\"next\":10}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        SampleStore restarted = open().forPartition(P3);
        assertThat(restarted.storedOffset()).isEqualTo(10);
        assertThat(summaryKeys()).noneMatch(k -> k.contains("-10-25.")).isNotEmpty();
        assertThat(parquetKeys()).noneMatch(k -> k.contains("-10-25."));
        assertThat(restarted.summary("p", "u", Window.of(T0, Duration.ofMinutes(2)))).map(WindowSummary::rows)
                .contains(5L); // u's rows 0, 2, 4, 6, 8 of the committed write
    }

    @Test
    void aRewriteWithoutSummariesRemovesTheEarlierOnesSoItsRowsAreRead() {
        List<SampleRow> rows = rows(0, 4);
        open().forPartition(P3).write(rows, cells(rows), 4);
        assertThat(summaryKeys()).hasSize(2); // endpoints u and v
        bucket.put(base + "offsets/monitoring_stream_p/3.json", "{\"next\":0}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        List<SampleRow> changed = rows.stream().map(r -> new SampleRow(r.project(), r.uid(), r.timestamp(),
                r.requestId(), r.latencyMicros(), Map.of("x", -1.0), r.labels())).toList();
        open().forPartition(P3).write(changed, 4);
        assertThat(summaryKeys()).isEmpty();
        SampleFrame f = open().read("p", "u", Window.of(T0, Duration.ofMinutes(2)));
        assertThat(((SummarizedFrame) f).summary()).isEmpty();
        assertThat(f.values("x")).containsExactly(-1.0, -1.0);
    }
}
