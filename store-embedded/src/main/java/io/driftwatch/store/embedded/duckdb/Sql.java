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

    /** The most values of one {@code IN (…)} list of {@link #inLists}. */
    static final int IN_LIST = 256;

    /**
     * The values in parts of at most {@link #IN_LIST}, each padded by repeating its last value to the next of 1, 4,
     * 16, 64, 256: an {@code IN (…)} of a part's size has one of five SQL texts, prepared once per pooled connection
     * ({@link StatementCache}) instead of once per distinct count (DuckDB's prepare costs ~0.3–1 ms of CPU). A value
     * repeated in an {@code IN} list selects nothing twice.
     */
    static <T> List<List<T>> inLists(java.util.Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> out = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<T> part = new java.util.ArrayList<>(all.subList(from, Math.min(all.size(), from + IN_LIST)));
            int size = 1;
            while (size < part.size()) {
                size *= 4;
            }
            T last = part.getLast();
            while (part.size() < size) {
                part.add(last);
            }
            out.add(part);
        }
        return out;
    }

    /** {@code ?, ?, …} for {@code n} values. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
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
