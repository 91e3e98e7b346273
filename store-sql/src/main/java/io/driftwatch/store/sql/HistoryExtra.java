package io.driftwatch.store.sql;

import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Large app-result extra_data kept once, in the append-only history (schema version 9, issue 17; the embedded store's
 * schema version 6 did the same). A latest row whose extra_data is longer than {@link #INLINE_LIMIT} characters
 * ({@code general_drift}'s is ~9 KB: the window's statistics and drift measures) holds {@code extra_seq}, the
 * {@code seq} of its history row, instead of a copy; an endpoint's drift row whose statistics are that result's
 * {@code current_stats} holds {@code stats_seq} instead of an ~8 KB copy. Before, a window wrote its statistics three
 * times, two of them into keyed rows rewritten every window (on PostgreSQL a TOAST insert, dead TOAST tuples and an
 * lz4 compression each) and serialised the statistics to JSON once more on the client for the drift row.
 *
 * <p>The history rows' seqs are known in the writing transaction ({@link HistoryRows}). Readers fetch the history
 * rows by primary key, one query per batch.
 */
final class HistoryExtra {
    /** extra_data up to this many characters stays in the latest row (performance apps' coverage, drift tests). */
    static final int INLINE_LIMIT = 2048;
    /** Seqs per read of {@link #extraData} (MySQL: one {@code IN} list). */
    private static final int CHUNK = 500;

    private HistoryExtra() {
    }

    /** Whether the extra_data is kept in the latest row too. */
    static boolean inline(String extraDataJson) {
        return extraDataJson == null || extraDataJson.length() <= INLINE_LIMIT;
    }

    /** Whether any of the rows' extra_data is kept in the history only (then their seqs are worth knowing). */
    static boolean anyLarge(List<AppResult> rows) {
        return rows.stream().anyMatch(r -> !inline(r.extraDataJson()));
    }

    /** The key under which a result written in a {@link SqlDatabase#together} transaction is noted. */
    static List<Object> key(String project, String uid, String application, String name, Instant windowEnd) {
        return List.of(project, uid, application, name, windowEnd);
    }

    /**
     * The extra_data of the history rows of the seqs (nulls skipped: rows without a reference), by seq; absent ones
     * are missing from the map. One primary-key query per {@value #CHUNK} seqs, none when there are none.
     */
    static Map<Long, String> extraData(Connection c, Dialect d, Collection<Long> seqs) throws SQLException {
        List<Long> wanted = seqs.stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, String> out = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += CHUNK) {
            List<Long> part = wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
            String sql = d == Dialect.POSTGRESQL ? "SELECT seq, extra_data FROM app_results WHERE seq = ANY(?)"
                    : "SELECT seq, extra_data FROM app_results WHERE seq IN ("
                    + String.join(", ", Collections.nCopies(part.size(), "?")) + ")";
            List<Object> args = d == Dialect.POSTGRESQL ? List.of(c.createArrayOf("bigint", part.toArray()))
                    : new ArrayList<>(part);
            Jdbc.query(c, d, sql, rs -> out.put(rs.getLong(1), rs.getString(2)), args);
        }
        return out;
    }

    /**
     * Before history rows go: the drift rows that reference a history row matching {@code historyWhere} (columns of
     * {@code h}, e.g. {@code h.window_end < ?}) get that row's {@code current_stats} copied in, so an endpoint not
     * analysed since keeps its last statistics. One statement.
     */
    static int keepStats(Connection c, Dialect d, String historyWhere, List<?> args) throws SQLException {
        String sql = d == Dialect.POSTGRESQL
                ? "UPDATE endpoint_drift d SET current_stats = coalesce((h.extra_data::json -> 'current_stats')::text,"
                + " '{}'), stats_seq = NULL FROM app_results h WHERE h.seq = d.stats_seq AND " + historyWhere
                : "UPDATE endpoint_drift d JOIN app_results h ON h.seq = d.stats_seq SET d.current_stats ="
                + " coalesce(JSON_EXTRACT(h.extra_data, '$.current_stats'), '{}'), d.stats_seq = NULL WHERE "
                + historyWhere;
        return Jdbc.update(c, d, sql, args);
    }
}
