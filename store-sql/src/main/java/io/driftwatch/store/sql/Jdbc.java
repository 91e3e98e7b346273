package io.driftwatch.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Statement helpers: binding (times through the dialect), row mapping and the JSON of text columns. */
final class Jdbc {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jdbc() {
    }

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A typed NULL parameter. */
    record Null(int sqlType) {
    }

    static void bind(Dialect d, PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            bind(d, ps, i + 1, args.get(i));
        }
    }

    static void bind(Dialect d, PreparedStatement ps, int i, Object v) throws SQLException {
        switch (v) {
            case null -> ps.setNull(i, Types.NULL);
            case Instant t -> d.setTime(ps, i, t);
            case Null n -> ps.setNull(i, n.sqlType());
            case String s -> ps.setString(i, s);
            case Long l -> ps.setLong(i, l);
            case Integer n -> ps.setInt(i, n);
            case Boolean b -> ps.setBoolean(i, b);
            case Double x -> ps.setDouble(i, x);
            default -> ps.setObject(i, v);
        }
    }

    /** Binds each row's values and runs them as one JDBC batch (nothing when there are no rows). */
    static <T> void batch(Connection c, Dialect d, String sql, List<T> rows,
                          java.util.function.Function<T, List<?>> values) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                bind(d, ps, values.apply(row));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static <T> List<T> query(Connection c, Dialect d, String sql, RowMapper<T> mapper, List<?> args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(d, ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    static <T> Optional<T> first(Connection c, Dialect d, String sql, RowMapper<T> mapper, List<?> args)
            throws SQLException {
        List<T> rows = query(c, d, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.getFirst());
    }

    static int update(Connection c, Dialect d, String sql, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(d, ps, args);
            return ps.executeUpdate();
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    static Map<String, String> stringMap(String json) {
        return parse(json, new TypeReference<LinkedHashMap<String, String>>() {
        });
    }

    static Map<String, Double> doubleMap(String json) {
        return json == null ? Map.of() : parse(json, new TypeReference<LinkedHashMap<String, Double>>() {
        });
    }

    static List<String> stringList(String json) {
        return parse(json, new TypeReference<List<String>>() {
        });
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }
}
