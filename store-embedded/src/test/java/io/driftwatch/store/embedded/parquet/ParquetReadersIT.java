package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other readers of the files: pandas (through pyarrow; {@code .ci/run} installs both with pip, and the test fails,
 * not skips, when python3 cannot import them) and a plain DuckDB with hive partitioning.
 */
class ParquetReadersIT {
    static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    @TempDir
    Path dir;

    @BeforeEach
    void writeSamples() {
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("sepal length", i * 0.5);
            v.put("count", (long) i);
            v.put("color", i % 2 == 0 ? "red" : null);
            v.put("flag", i % 3 == 0);
            v.put("p0", (double) (i % 2));
            rows.add(new SampleRow("proj", "u1", T.plusSeconds(i * 1200L), "req-" + i, 1500 + i, v,
                    Map.of("env", "prod")));
        }
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            s.write(rows, 6);
        }
    }

    @Test
    void duckDbReadsTheTreeWithHivePartitions() throws Exception {
        String glob = dir.resolve("projects/proj/model-endpoints/parquet/**/*.parquet").toString();
        try (var c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT key, count(*), sum(\"count\"), count(DISTINCT hour), "
                     + "typeof(any_value(timestamp)), typeof(any_value(\"sepal length\")) FROM read_parquet('" + glob
                     + "', hive_partitioning = true, union_by_name = true) GROUP BY key")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("u1");
            assertThat(rs.getLong(2)).isEqualTo(6);
            assertThat(rs.getLong(3)).isEqualTo(15);
            assertThat(rs.getLong(4)).isEqualTo(2);
            assertThat(rs.getString(5)).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(rs.getString(6)).isEqualTo("DOUBLE");
        }
    }

    @Test
    void pandasReadsNamedTypedColumns() throws Exception {
        String python = pythonWithPandas();
        assertThat(python).as("no python3 that imports pandas and pyarrow: .ci/run installs them "
                + "(python3 -m pip install pandas pyarrow, from the local wheel index)").isNotNull();
        Path script = dir.resolve("read.py");
        Files.writeString(script, """
                import sys, json, pandas as pd
                df = pd.read_parquet(sys.argv[1])
                df = df.sort_values("timestamp")
                print(json.dumps({"columns": list(df.columns), "dtypes": {c: str(t) for c, t in df.dtypes.items()},
                                  "rows": len(df), "first": str(df["timestamp"].iloc[0]),
                                  "sum": float(df["sepal length"].sum()), "labels": df["labels"].iloc[0]}))
                """);
        Process p = new ProcessBuilder(python, script.toString(),
                dir.resolve("projects/proj/model-endpoints/parquet").toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        var json = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b)
                .orElseThrow());
        assertThat(json.get("rows").asInt()).isEqualTo(6);
        List<String> columns = new ArrayList<>();
        json.get("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).contains("timestamp", "endpoint_id", "request_id", "latency", "labels",
                "sepal length", "count", "color", "flag", "p0");
        // pandas 2 converts the file's microseconds to ns; pandas 3 keeps the unit (us): either is UTC and exact
        assertThat(json.at("/dtypes/timestamp").asText()).matches("datetime64\\[(ns|us), UTC\\]");
        assertThat(json.at("/dtypes/sepal length").asText()).isEqualTo("float64");
        assertThat(json.at("/dtypes/count").asText()).isEqualTo("int64");
        assertThat(json.at("/dtypes/flag").asText()).isEqualTo("bool");
        assertThat(json.get("first").asText()).isEqualTo("2025-03-04 05:06:07.123456+00:00");
        assertThat(json.get("sum").asDouble()).isEqualTo(7.5);
        assertThat(json.get("labels").asText()).isEqualTo("{\"env\":\"prod\"}");
    }

    /** A python3 that imports pandas and pyarrow, or null. */
    static String pythonWithPandas() throws IOException, InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import pandas, pyarrow").redirectErrorStream(true)
                        .start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed under that name
            }
        }
        return null;
    }
}
