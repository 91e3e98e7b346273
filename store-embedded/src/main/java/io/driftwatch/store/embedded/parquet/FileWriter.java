package io.driftwatch.store.embedded.parquet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Writes one group of rows (one endpoint-hour) to one Parquet file: typed table in the in-memory database, Appender, COPY. */
final class FileWriter {
    static final List<String> RESERVED = List.of("timestamp", "endpoint_id", "request_id", "latency", "labels");
    static final Set<String> METADATA = Set.copyOf(RESERVED);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The SQL type of a value column. */
    enum Type {
        DOUBLE, BIGINT, BOOLEAN, VARCHAR;

        static Type of(Object v, String column) {
            return switch (v) {
                case Double d -> DOUBLE;
                case Float f -> DOUBLE;
                case Long l -> BIGINT;
                case Integer i -> BIGINT;
                case Short s -> BIGINT;
                case Boolean b -> BOOLEAN;
                case String s -> VARCHAR;
                default -> throw new IllegalArgumentException("sample column '" + column
                        + "' has a value of unsupported type " + v.getClass().getName()
                        + " (expected Double, Long, String, Boolean or null)");
            };
        }

        Type widen(Type other) {
            if (this == other) {
                return this;
            }
            if ((this == DOUBLE || this == BIGINT) && (other == DOUBLE || other == BIGINT)) {
                return DOUBLE;
            }
            return VARCHAR;
        }
    }

    private FileWriter() {
    }

    /** The value columns of the rows in first-seen order with their widened types (all-null columns DOUBLE). */
    static Map<String, Type> columns(List<SampleRow> rows) {
        Map<String, Type> types = new LinkedHashMap<>();
        for (SampleRow r : rows) {
            for (Map.Entry<String, Object> e : r.values().entrySet()) {
                String name = e.getKey();
                if (METADATA.contains(name)) {
                    throw new IllegalArgumentException("sample column '" + name
                            + "' clashes with a metadata column (reserved: " + String.join(", ", RESERVED) + ")");
                }
                Object v = e.getValue();
                Type t = types.get(name);
                if (v == null) {
                    types.putIfAbsent(name, null);
                } else {
                    types.put(name, t == null ? Type.of(v, name) : t.widen(Type.of(v, name)));
                }
            }
        }
        types.replaceAll((k, v) -> v == null ? Type.DOUBLE : v);
        return types;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Writes the rows (sorted by time by the caller) to {@code file}. */
    static void write(DuckDBConnection c, List<SampleRow> rows, Path file) throws SQLException {
        Map<String, Type> types = columns(rows);
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE samples_out (timestamp TIMESTAMP, "
                + "endpoint_id VARCHAR, request_id VARCHAR, latency BIGINT, labels VARCHAR");
        types.forEach((name, type) -> ddl.append(", ").append(quote(name)).append(' ').append(type));
        ddl.append(')');
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            try (DuckDBAppender a = c.createAppender("main", "samples_out")) {
                for (SampleRow r : rows) {
                    append(a, r, types);
                }
            }
            s.execute("COPY (SELECT timestamp::TIMESTAMPTZ AS timestamp, * EXCLUDE (timestamp) FROM samples_out) TO "
                    + sqlString(file.toString()) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
            s.execute("DROP TABLE samples_out");
        }
    }

    private static void append(DuckDBAppender a, SampleRow r, Map<String, Type> types) throws SQLException {
        a.beginRow().appendEpochMicros(micros(r.timestamp())).append(r.uid()).append(r.requestId())
                .append(r.latencyMicros()).append(labels(r.labels()));
        for (Map.Entry<String, Type> col : types.entrySet()) {
            Object v = r.values().get(col.getKey());
            if (v == null) {
                a.appendNull();
                continue;
            }
            switch (col.getValue()) {
                case DOUBLE -> a.append(((Number) v).doubleValue());
                case BIGINT -> a.append(((Number) v).longValue());
                case BOOLEAN -> a.append((boolean) (Boolean) v);
                case VARCHAR -> a.append(v.toString());
            }
        }
        a.endRow();
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise labels", e);
        }
    }
}
