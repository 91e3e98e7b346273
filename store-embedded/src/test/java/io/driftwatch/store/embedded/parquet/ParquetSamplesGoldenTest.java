package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.store.embedded.golden.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of the embedded sample store: the journal ({@code samples.offset}, {@code samples.pending}) byte for
 * byte, and of the Parquet files their path in the layout and their columns and types (the Parquet bytes themselves
 * carry DuckDB's version, so a committed sample file is only read back, not compared). Today's code writes exactly
 * the golden text, and the committed journal and Parquet file read back as the rows they hold. Regenerate with
 * {@code -Dgolden.update=true} (see {@link GoldenFiles}).
 */
class ParquetSamplesGoldenTest {
    private static final String DIR = "parquet-samples/";
    private static final String FILE = "projects/my-proj/model-endpoints/parquet/key=e1/year=2025/month=01/day=02/"
            + "hour=03/part-0-2.parquet";
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final Journal.Entry PENDING = new Journal.Entry(7, List.of(
            "projects/my-proj/model-endpoints/parquet/key=e1/year=2025/month=01/day=02/hour=04/part-2-7.parquet"));

    @TempDir
    Path dir;

    private static List<SampleRow> rows() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("f_double", 1.5);
        first.put("f_long", 42L);
        first.put("f_text", "red");
        first.put("f_bool", true);
        first.put("p0", 0.25);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("f_double", -2.0);
        second.put("f_long", 7L);
        second.put("f_text", "blue");
        second.put("f_bool", false);
        second.put("p0", null);
        return List.of(new SampleRow("my-proj", "e1", T0, "req-1", 1250, first, Map.of("team", "risk")),
                new SampleRow("my-proj", "e1", T0.plusSeconds(60), "req-2", 980, second, Map.of()));
    }

    @Test
    void writingGivesTheGoldenJournalLayoutAndColumns() throws Exception {
        try (ParquetSamples samples = ParquetSamples.open(dir)) {
            samples.write(rows(), 2);
        }
        new Journal(dir).begin(PENDING);
        GoldenFiles.assertBytes(DIR + ParquetSamples.OFFSET_FILE, Files.readAllBytes(dir.resolve(ParquetSamples.OFFSET_FILE)));
        GoldenFiles.assertBytes(DIR + Journal.PENDING_FILE, Files.readAllBytes(dir.resolve(Journal.PENDING_FILE)));
        try (Stream<Path> files = Files.walk(dir.resolve("projects"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())).containsExactly(FILE);
        }
        GoldenFiles.assertText(DIR + "columns.txt", columns(dir.resolve(FILE)));
        if (GoldenFiles.updating()) {
            GoldenFiles.assertBytes(DIR + "part-0-2.parquet", Files.readAllBytes(dir.resolve(FILE)));
        }
    }

    @Test
    void theGoldenJournalAndSampleFileReadBack() throws Exception {
        assertThat(GoldenFiles.path(DIR + "part-0-2.parquet")).exists();
        Files.createDirectories(dir.resolve(FILE).getParent());
        Files.copy(GoldenFiles.path(DIR + "part-0-2.parquet"), dir.resolve(FILE));
        Files.copy(GoldenFiles.path(DIR + ParquetSamples.OFFSET_FILE), dir.resolve(ParquetSamples.OFFSET_FILE));
        Files.copy(GoldenFiles.path(DIR + Journal.PENDING_FILE), dir.resolve("golden.pending"));
        Journal journal = new Journal(dir);
        assertThat(journal.committed()).isEqualTo(new Journal.Entry(2, List.of(FILE)));
        Files.move(dir.resolve("golden.pending"), dir.resolve(Journal.PENDING_FILE));
        assertThat(journal.pending()).isEqualTo(PENDING);
        Files.delete(dir.resolve(Journal.PENDING_FILE));
        assertThat(columns(dir.resolve(FILE))).isEqualTo(Files.readString(GoldenFiles.path(DIR + "columns.txt")));
        try (ParquetSamples samples = ParquetSamples.open(dir)) {
            assertThat(samples.storedOffset()).isEqualTo(2);
            SampleFrame frame = samples.read("my-proj", "e1", new Window(T0, T0.plusSeconds(3600)));
            assertThat(frame.rowCount()).isEqualTo(2);
            assertThat(frame.timestamps()).containsExactly(T0, T0.plusSeconds(60));
            assertThat(Arrays.stream(frame.numeric("f_double")).boxed()).containsExactly(1.5, -2.0);
            assertThat(frame.values("f_long")).containsExactly(42L, 7L);
            assertThat(frame.values("f_text")).containsExactly("red", "blue");
            assertThat(frame.values("f_bool")).containsExactly(true, false);
            assertThat(frame.values("p0")).containsExactly(0.25, null);
        }
    }

    /** The columns of a Parquet file as {@code name TYPE} lines, in file order. */
    private static String columns(Path parquet) throws Exception {
        StringBuilder out = new StringBuilder("# Columns of a sample file; written by ParquetSamplesGoldenTest\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parquet + "', hive_partitioning = false)")) {
            while (r.next()) {
                out.append(r.getString("column_name")).append(' ').append(r.getString("column_type")).append('\n');
            }
        }
        return out.toString();
    }
}
