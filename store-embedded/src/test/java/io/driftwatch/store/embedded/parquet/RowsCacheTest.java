package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.RowValues;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.SummarizedFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RowsCache}: windows answered from the rows kept at write time equal the DuckDB scan of the files. */
class RowsCacheTest {
    private static final String P = "p";
    private static final Instant H = Instant.parse("2030-01-01T10:00:00Z");

    @TempDir
    Path dir;
    private ParquetSampleStore cached;
    private ParquetSampleStore files;

    @AfterEach
    void close() {
        if (cached != null) {
            cached.close();
        }
        if (files != null) {
            files.close();
        }
    }

    private static SampleRow row(String uid, Instant t, String id, Map<String, Object> values) {
        return new SampleRow(P, uid, t, id, 5, values, Map.of("k", "v"));
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Every type and null, NaN and -0.0, ties in time inside a file and across two files, rows in two hours. */
    private void writeMixed(ParquetSampleStore s) {
        List<String> names = List.of("d", "l", "b", "s", "mixed", "text", "i", "none");
        List<SampleRow> first = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            Instant t = H.plusSeconds(30L * (k / 2)).plusNanos(k % 3 == 0 ? 1_500 : 0);
            Object[] v = {k % 7 == 0 ? null : k % 11 == 0 ? Double.NaN : k == 5 ? -0.0 : k * 0.25,
                (long) k * 1_000_000_007L, k % 5 == 0 ? null : k % 2 == 0, k % 6 == 0 ? null : "é€ row " + k,
                k % 2 == 0 ? (Object) (long) k : (Object) (k + 0.5), k % 3 == 0 ? (Object) true : (Object) ("t" + k),
                k % 4 == 0 ? null : k, null};
            first.add(new SampleRow(P, "a", t, k % 9 == 0 ? null : "r" + k, 5, RowValues.of(names, v), Map.of()));
        }
        first.add(row("a", H.plus(Duration.ofMinutes(70)), "late", values("d", 1.0, "l", 2L, "b", true, "s", "x",
                "mixed", 3.5, "text", "y", "i", 4, "none", null)));
        s.write(first, 1);
        List<SampleRow> second = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            second.add(row("a", H.plusSeconds(60L * k), "s" + k, values("d", k == 3 ? null : -k * 1.5, "l", (long) -k,
                    "b", k % 2 == 1, "s", "z" + k, "mixed", k + 0.25, "text", "u" + k, "i", k, "none", null)));
        }
        s.write(second, 2);
    }

    private static List<Window> windows() {
        return List.of(Window.of(H, Duration.ofMinutes(10)), Window.of(H.plusSeconds(60), Duration.ofSeconds(150)),
                Window.of(H.minus(Duration.ofMinutes(30)), Duration.ofHours(2)),
                Window.of(H.plusSeconds(15), Duration.ofSeconds(10)), Window.of(H.plusSeconds(30).plusNanos(1_500),
                        Duration.ofSeconds(1)), Window.of(H.plus(Duration.ofMinutes(10)), Duration.ofMinutes(20)));
    }

    @Test
    void aCachedWindowHasTheRowsOrderTypesAndNullsOfTheFileScan() {
        cached = ParquetSampleStore.open(dir, 64L << 20);
        writeMixed(cached);
        files = ParquetSampleStore.open(dir, 0);
        for (Window w : windows()) {
            assertSame(read(cached, "a", w), read(files, "a", w), w);
        }
        assertThat(cached.rowsCache().hits()).as("windows answered from the cache").isEqualTo(windows().size());
        assertThat(cached.rowsCache().misses()).isZero();
        assertThat(read(cached, "a", windows().getFirst()).rowCount()).isEqualTo(50);
    }

    @Test
    void manyFilesWithTiedTimesMergeInTheOrderOfTheScan() {
        cached = ParquetSampleStore.open(dir, 64L << 20);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int w = 0; w < 13; w++) {
            List<SampleRow> rows = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                rows.add(row("a", H.plusSeconds(rnd.nextInt(20)), w + "-" + k, values("x", rnd.nextDouble(),
                        "n", (long) k)));
            }
            cached.write(rows, w + 1);
        }
        files = ParquetSampleStore.open(dir, 0);
        Window w = Window.of(H.plusSeconds(2), Duration.ofSeconds(15));
        assertSame(read(cached, "a", w), read(files, "a", w), w);
        assertThat(cached.rowsCache().hits()).isEqualTo(1);
    }

    @Test
    void filesOfDifferentColumnTypesAreReadFromDiskWhereDuckDbWidensThem() {
        cached = ParquetSampleStore.open(dir, 64L << 20);
        cached.write(List.of(row("a", H, "1", values("x", 1L, "only1", "s"))), 1);
        cached.write(List.of(row("a", H.plusSeconds(1), "2", values("x", 2.5))), 2);
        Window w = Window.of(H, Duration.ofMinutes(10));
        SampleFrame f = read(cached, "a", w);
        assertThat(f.values("x")).containsExactly(1.0, 2.5);
        assertThat(f.values("only1")).containsExactly("s", null);
        assertThat(cached.rowsCache().hits()).isZero();
        assertThat(cached.rowsCache().misses()).isEqualTo(1);
        assertThat(read(cached, "a", Window.of(H, Duration.ofSeconds(1))).values("x")).as("one file: its own type")
                .containsExactly(1.0); // both files are listed (same hour): the union is still DOUBLE
    }

    @Test
    void theBoundEvictsTheOldestFilesAndTheirWindowsAreStillRead() {
        cached = ParquetSampleStore.open(dir, 40_000);
        for (int e = 0; e < 6; e++) {
            List<SampleRow> rows = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                rows.add(row("e" + e, H.plusSeconds(k), "r" + k, values("x", k * 1.0, "y", (long) k)));
            }
            cached.write(rows, e + 1);
            assertThat(cached.rowsCache().bytes()).isLessThanOrEqualTo(40_000);
        }
        Window w = Window.of(H, Duration.ofMinutes(10));
        assertThat(read(cached, "e0", w).values("y")).hasSize(200).startsWith(0L, 1L);
        assertThat(cached.rowsCache().misses()).as("the oldest file was evicted").isEqualTo(1);
        assertThat(read(cached, "e5", w).numeric("x")).hasSize(200);
        assertThat(cached.rowsCache().hits()).as("the newest is kept").isEqualTo(1);
    }

    @Test
    void deletedOrChangedFilesAreNotServedFromTheCache() throws Exception {
        cached = ParquetSampleStore.open(dir, 64L << 20);
        cached.write(List.of(row("a", H, "1", values("x", 1.0)), row("b", H, "2", values("x", 2.0))), 1);
        long full = cached.rowsCache().bytes();
        cached.deleteEndpoint(P, "a");
        assertThat(cached.rowsCache().bytes()).isBetween(1L, full - 1);
        Window w = Window.of(H, Duration.ofMinutes(10));
        assertThat(read(cached, "a", w).rowCount()).isZero();
        try (Stream<Path> s = Files.walk(dir)) {
            Path file = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 5_000));
        }
        assertThat(read(cached, "b", w).values("x")).containsExactly(2.0);
        assertThat(cached.rowsCache().hits()).as("a file changed since it was cached").isZero();
        cached.deleteOlderThan(H.plus(Duration.ofHours(2)));
        assertThat(cached.rowsCache().bytes()).isZero();
    }

    @Test
    void fileNamesCompareAsUtf8Bytes() {
        assertThat(RowsCache.compareUtf8("a/\uFF5A", "a/\uD83D\uDE00")).as("U+FF5A before U+1F600").isNegative();
        assertThat(RowsCache.compareUtf8("part-1", "part-10")).isNegative();
        assertThat(RowsCache.compareUtf8("b", "a")).isPositive();
    }

    private static SampleFrame read(ParquetSampleStore s, String uid, Window w) {
        return ((SummarizedFrame) s.read(P, uid, w)).rows();
    }

    private static void assertSame(SampleFrame actual, SampleFrame expected, Window w) {
        assertThat(actual.columnNames()).as("columns of %s", w).isEqualTo(expected.columnNames());
        assertThat(actual.timestamps()).as("times of %s", w).isEqualTo(expected.timestamps());
        assertThat(actual.requestIds()).as("request ids of %s", w).isEqualTo(expected.requestIds());
        for (String c : expected.columnNames()) {
            List<Object> a = actual.values(c);
            List<Object> e = expected.values(c);
            assertThat(a).as("%s of %s", c, w).isEqualTo(e);
            for (int i = 0; i < e.size(); i++) {
                assertThat(a.get(i) == null ? null : a.get(i).getClass()).as("type of %s[%d]", c, i)
                        .isEqualTo(e.get(i) == null ? null : e.get(i).getClass());
            }
            assertThat(Arrays.stream(actual.numeric(c)).mapToLong(Double::doubleToRawLongBits).toArray())
                    .as("numeric %s of %s", c, w)
                    .isEqualTo(Arrays.stream(expected.numeric(c)).mapToLong(Double::doubleToRawLongBits).toArray());
        }
    }
}
