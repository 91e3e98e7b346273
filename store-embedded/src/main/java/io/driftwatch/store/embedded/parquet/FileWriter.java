package io.driftwatch.store.embedded.parquet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.port.RowValues;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * The value columns of the rows in first-seen order with their widened types (all-null columns DOUBLE).
     * Rows of one endpoint share their column order, so each value is matched by position first (no hashing);
     * a row in another order falls back to a lookup by name.
     */
    static Map<String, Type> columns(List<SampleRow> rows) {
        return columns(rows, sharedNames(rows));
    }

    /** {@link #columns(List)} given the rows' {@link #sharedNames} (null: none). */
    private static Map<String, Type> columns(List<SampleRow> rows, List<String> shared) {
        if (shared != null) {
            return typesByPosition(rows, shared);
        }
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (SampleRow r : rows) {
            int i = 0;
            for (Map.Entry<String, Object> e : r.values().entrySet()) {
                String name = e.getKey();
                int at = i < names.size() && names.get(i).equals(name) ? i : index.getOrDefault(name, -1);
                if (at < 0) {
                    at = newColumn(name, names, types, index);
                }
                Object v = e.getValue();
                if (v != null) {
                    Type t = types.get(at);
                    Type vt = Type.of(v, name);
                    types.set(at, t == null ? vt : t.widen(vt));
                }
                i++;
            }
        }
        Map<String, Type> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), types.get(i) == null ? Type.DOUBLE : types.get(i));
        }
        return out;
    }

    /** The column list every row shares (same {@link RowValues#names()} instance), else null. */
    private static List<String> sharedNames(List<SampleRow> rows) {
        List<String> shared = null;
        for (SampleRow r : rows) {
            if (!(r.values() instanceof RowValues v) || (shared != null && v.names() != shared)) {
                return null;
            }
            shared = v.names();
        }
        if (shared != null) {
            shared.forEach(name -> {
                if (METADATA.contains(name)) {
                    throw new IllegalArgumentException("sample column '" + name
                            + "' clashes with a metadata column (reserved: " + String.join(", ", RESERVED) + ")");
                }
            });
        }
        return shared;
    }

    /** {@link #columns} of rows over one shared column list: types widened position by position. */
    private static Map<String, Type> typesByPosition(List<SampleRow> rows, List<String> names) {
        Type[] types = new Type[names.size()];
        for (SampleRow r : rows) {
            RowValues v = (RowValues) r.values();
            for (int i = 0; i < types.length; i++) {
                Object x = v.valueAt(i);
                if (x != null) {
                    Type vt = x instanceof Double ? Type.DOUBLE : Type.of(x, names.get(i));
                    types[i] = types[i] == null ? vt : types[i].widen(vt);
                }
            }
        }
        Map<String, Type> out = new LinkedHashMap<>();
        for (int i = 0; i < types.length; i++) {
            out.put(names.get(i), types[i] == null ? Type.DOUBLE : types[i]);
        }
        return out;
    }

    private static int newColumn(String name, List<String> names, List<Type> types, Map<String, Integer> index) {
        if (METADATA.contains(name)) {
            throw new IllegalArgumentException("sample column '" + name
                    + "' clashes with a metadata column (reserved: " + String.join(", ", RESERVED) + ")");
        }
        names.add(name);
        types.add(null);
        index.put(name, names.size() - 1);
        return names.size() - 1;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * Writes the rows of one endpoint (sorted by time by the caller) to {@code file}. The endpoint id is a constant
     * of the COPY, not appended per row; the labels' JSON is made once per labels map (the rows of an event share
     * it). Returns the value columns with the types they were written as.
     */
    static Map<String, Type> write(DuckDBConnection c, List<SampleRow> rows, Path file) throws SQLException {
        String uid = rows.getFirst().uid();
        List<String> shared = sharedNames(rows);
        boolean byPosition = shared != null;
        Map<String, Type> types = columns(rows, shared);
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE samples_out (timestamp TIMESTAMP, "
                + "request_id VARCHAR, latency BIGINT, labels VARCHAR");
        types.forEach((name, type) -> ddl.append(", ").append(quote(name)).append(' ').append(type));
        ddl.append(')');
        String[] names = types.keySet().toArray(String[]::new);
        Type[] kinds = types.values().toArray(Type[]::new);
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            try (DuckDBAppender a = c.createAppender("main", "samples_out")) {
                Map<String, String> lastLabels = null;
                String labelsJson = null;
                for (SampleRow r : rows) {
                    if (!uid.equals(r.uid())) {
                        throw new IllegalArgumentException("one file holds one endpoint: " + uid + " and " + r.uid());
                    }
                    if (r.labels() != lastLabels || labelsJson == null) {
                        lastLabels = r.labels();
                        labelsJson = labels(lastLabels);
                    }
                    a.beginRow().appendEpochMicros(micros(r.timestamp())).append(r.requestId())
                            .append(r.latencyMicros()).append(labelsJson);
                    appendValues(a, r.values(), names, kinds, byPosition);
                    a.endRow();
                }
            }
            s.execute("COPY (SELECT timestamp::TIMESTAMPTZ AS timestamp, " + sqlString(uid) + "::VARCHAR AS endpoint_id, "
                    + "* EXCLUDE (timestamp) FROM samples_out) TO " + sqlString(file.toString())
                    + " (FORMAT PARQUET, COMPRESSION ZSTD, COMPRESSION_LEVEL 1)");
            s.execute("DROP TABLE samples_out");
        }
        return types;
    }

    /** Appends a row's values in column order: by position when the row has exactly the columns in order. */
    private static void appendValues(DuckDBAppender a, Map<String, Object> values, String[] names, Type[] kinds,
                                     boolean byPosition) throws SQLException {
        if (byPosition) {
            RowValues v = (RowValues) values;
            for (int i = 0; i < names.length; i++) {
                appendValue(a, v.valueAt(i), kinds[i]);
            }
            return;
        }
        if (aligned(values, names)) {
            int i = 0;
            for (Object v : values.values()) {
                appendValue(a, v, kinds[i++]);
            }
            return;
        }
        for (int i = 0; i < names.length; i++) {
            appendValue(a, values.get(names[i]), kinds[i]);
        }
    }

    private static boolean aligned(Map<String, Object> values, String[] names) {
        if (values.size() != names.length) {
            return false;
        }
        int i = 0;
        for (String k : values.keySet()) {
            if (!k.equals(names[i++])) {
                return false;
            }
        }
        return true;
    }

    private static void appendValue(DuckDBAppender a, Object v, Type type) throws SQLException {
        if (v == null) {
            a.appendNull();
            return;
        }
        switch (type) {
            case DOUBLE -> a.append(((Number) v).doubleValue());
            case BIGINT -> a.append(((Number) v).longValue());
            case BOOLEAN -> a.append((boolean) (Boolean) v);
            case VARCHAR -> a.append(v.toString());
        }
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
