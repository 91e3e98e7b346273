package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.Window;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of endpoints and windows without stored rows answer an empty result in the requested format: JSON
 * {@code []}, CSV the header, Parquet a valid file of zero rows (the metadata columns, plus the value columns when
 * other files of the endpoint are in the window's hours).
 */
class ParquetExportTest {
    private static final Instant FROM = Instant.EPOCH;
    private static final Instant TO = Instant.parse("9999-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static byte[] export(ParquetSamples s, String uid, Instant from, Instant to, String format)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.export("proj", uid, from, to, format, out);
        return out.toByteArray();
    }

    private void assertEmpty(ParquetSamples s, String uid, Instant from, Instant to, String... valueColumns)
            throws Exception {
        assertThat(JSON.readTree(export(s, uid, from, to, "json")).isArray()).isTrue();
        assertThat(JSON.readTree(export(s, uid, from, to, "json"))).isEmpty();
        String csv = new String(export(s, uid, from, to, "csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(1);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("timestamp,endpoint_id,request_id,latency,labels");
        Path file = Files.write(dir.resolve("out-" + uid + ".parquet"), export(s, uid, from, to, "parquet"));
        List<String> columns = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String src = "read_parquet(" + FileWriter.sqlString(file.toString()) + ")";
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + src)) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        List<String> expected = new ArrayList<>(FileWriter.RESERVED);
        expected.addAll(List.of(valueColumns));
        assertThat(columns).containsExactlyElementsOf(expected);
    }

    @Test
    void anEndpointWithoutStoredRowsExportsEmpty() throws Exception {
        try (ParquetSamples s = ParquetSamples.open(dir.resolve("data"))) {
            assertEmpty(s, "never-written", FROM, TO);
            assertEmpty(s, "never-written", ParquetLayoutTest.T, ParquetLayoutTest.T.plusSeconds(60));
        }
    }

    @Test
    void anEndpointWhoseFirstWriteIsInProgressExportsAndReadsEmpty() throws Exception {
        Path data = dir.resolve("data");
        try (ParquetSamples s = ParquetSamples.open(data)) {
            // what a write leaves before its rename: the hour directory with only a hidden temporary file
            Path hour = new Layout(data).hourDir("proj", "u", Layout.hourOf(ParquetLayoutTest.T));
            Files.createDirectories(hour);
            Files.writeString(hour.resolve(".part-0-1.parquet.tmp"), "partial");
            assertEmpty(s, "u", FROM, TO); // whole-tree glob (> 31 days)
            assertEmpty(s, "u", ParquetLayoutTest.T, ParquetLayoutTest.T.plusSeconds(60)); // listed hours
            assertThat(s.read("proj", "u", Window.of(FROM, Duration.ofDays(3650))).rowCount()).isZero();
            assertThat(s.read("proj", "u", Window.of(ParquetLayoutTest.T, Duration.ofMinutes(1))).columnNames())
                    .isEmpty();
        }
    }

    @Test
    void aWindowWithoutRowsOfAStoredEndpointExportsEmptyWithItsColumns() throws Exception {
        try (ParquetSamples s = ParquetSamples.open(dir.resolve("data"))) {
            s.write(List.of(ParquetLayoutTest.row("u", ParquetLayoutTest.T, 1.0)), 1);
            Instant later = ParquetLayoutTest.T.minusSeconds(1800); // same hour, before the row
            assertEmpty(s, "u", later, later.plusSeconds(60), "x");
            assertThat(new String(export(s, "u", FROM, TO, "csv"), StandardCharsets.UTF_8).lines()).hasSize(2);
        }
    }

}
