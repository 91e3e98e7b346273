package io.driftwatch.store.embedded.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between Java values and SQL parameters/columns. Times travel as epoch microseconds. */
final class Sql {
    static final ObjectMapper JSON = new ObjectMapper();

    private Sql() {
    }

    /** Epoch microseconds of the instant (sub-microsecond digits dropped). */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** Binds a time for a {@code make_timestamp(?)} placeholder; null binds NULL. */
    static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, micros(t));
        }
    }

    /** Reads an {@code epoch_us(...)} column; NULL gives null. */
    static Instant time(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : instant(v);
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
