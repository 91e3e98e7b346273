package io.driftwatch.store.embedded.duckdb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Large app-result extra_data kept once, in the append-only history (schema version 6, issue 17). The latest row of
 * a result whose extra_data is longer than {@link #INLINE_LIMIT} characters ({@code general_drift}'s is ~9 KB: the
 * window's statistics and drift measures) holds {@code extra_seq}, the {@code seq} of its history row, instead of a
 * copy; an endpoint's drift row whose statistics are that result's {@code current_stats} holds {@code stats_seq}
 * instead of an ~8 KB copy. The keyed tables are rewritten by every cycle's upserts and by every DuckDB checkpoint, so
 * a window wrote its statistics three times; now once (the log per window ~36 KB → ~20 KB, measured at 10,000
 * endpoints). Readers fetch the
 * history rows by {@code seq}: the history is appended in {@code seq} order, so the range filter prunes all but
 * the row groups that hold them (zone maps).
 */
final class HistoryExtra {
    /** extra_data up to this many characters stays in the latest row (performance apps' coverage, drift tests). */
    static final int INLINE_LIMIT = 2048;

    private HistoryExtra() {
    }

    /** Whether the extra_data is kept in the latest row too. */
    static boolean inline(String extraDataJson) {
        return extraDataJson == null || extraDataJson.length() <= INLINE_LIMIT;
    }

    /** The key under which a result written in a {@link DuckDatabase#together} transaction is noted. */
    static List<Object> key(String project, String uid, String application, String name, Instant windowEnd) {
        return List.of(project, uid, application, name, Sql.micros(windowEnd));
    }

    /**
     * The extra_data of the history rows of the seqs (nulls skipped: rows without a reference), by seq; absent ones
     * (e.g. expired) are missing from the map. One query per 256 seqs, none when there are none.
     */
    static Map<Long, String> extraData(DuckDatabase db, DuckDBConnection c, Collection<Long> seqs)
            throws SQLException {
        List<Long> wanted = seqs.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, String> out = new HashMap<>();
        for (List<Long> part : Sql.inLists(wanted)) {
            try (PreparedStatement ps = db.statement(c, "SELECT seq, extra_data FROM app_results WHERE seq >= ?"
                    + " AND seq <= ? AND seq IN (" + Sql.marks(part.size()) + ")")) {
                ps.setLong(1, java.util.Collections.min(part));
                ps.setLong(2, java.util.Collections.max(part));
                for (int i = 0; i < part.size(); i++) {
                    ps.setLong(i + 3, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Before the history rows that ended before {@code cutoff} expire: copies the statistics of the drift rows that
     * reference them into the drift rows (an endpoint not analysed since keeps its last statistics).
     */
    static void keepExpiringStats(DuckDatabase db, DuckDBConnection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = db.statement(c, "UPDATE endpoint_drift SET current_stats ="
                + " coalesce(json_extract(h.extra_data, '$.current_stats')::VARCHAR, '{}'), stats_seq = NULL"
                + " FROM app_results h WHERE h.seq = endpoint_drift.stats_seq"
                + " AND h.window_end < make_timestamp(?::BIGINT)")) {
            Sql.setTime(ps, 1, cutoff);
            ps.executeUpdate();
        }
    }
}
