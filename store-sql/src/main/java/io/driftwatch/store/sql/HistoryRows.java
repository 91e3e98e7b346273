package io.driftwatch.store.sql;

import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Inserts app results' history rows ({@code app_results}) and, when a result's extra_data is to be kept there only
 * ({@link HistoryExtra}), learns their {@code seq}s in the writing transaction, each at the cost of the insert:
 * <ul>
 *   <li>PostgreSQL: a block of the identity's sequence ({@code nextval} over {@code generate_series}, one round trip),
 *       written explicitly by the batch (one multi-row insert on the wire, {@code reWriteBatchedInserts});</li>
 *   <li>MariaDB: one multi-row {@code INSERT … VALUES (…), (…) RETURNING seq} per {@value #MARIA_ROWS} rows, the
 *       server's own ids in row order. Not the batch's generated keys: asked for them, MariaDB Connector/J 3.5 sends
 *       the batch as one INSERT per row (measured: 130 statements for 130 rows instead of 1; server CPU per analysed
 *       window 1.17 → 1.43 ms at 2,000 endpoints);</li>
 *   <li>MySQL (no {@code RETURNING}): the batch as before and no seqs: the copies stay inline, as before version 9.</li>
 * </ul>
 * The seqs ascend in list order on every path, as the column default gave them (the history's write order).
 */
final class HistoryRows {
    /** Rows per MariaDB statement: 10 parameters each, ~9 KB of extra_data: ~2 MB, well below max_allowed_packet. */
    static final int MARIA_ROWS = 200;
    private static final String INSERT = "INSERT INTO app_results (" + SqlTimeSeriesStore.RESULT_COLUMNS + ") VALUES ";

    private HistoryRows() {
    }

    /** Inserts the rows; returns their seqs in list order, or null when none is kept in the history only. */
    static long[] insert(SqlDatabase db, Connection c, List<AppResult> rows) throws SQLException {
        boolean large = HistoryExtra.anyLarge(rows);
        if (large && db.dialect() == Dialect.POSTGRESQL) {
            long[] seq = reserve(c, rows.size());
            batch(db, c, "INSERT INTO app_results (seq, " + SqlTimeSeriesStore.RESULT_COLUMNS + ") VALUES "
                    + marks(11), rows, seq);
            return seq;
        }
        if (large && db.insertReturning(c)) {
            return returning(db, c, rows);
        }
        batch(db, c, INSERT + marks(10), rows, null);
        return null;
    }

    /** {@code n} values of app_results' identity sequence, ascending. */
    private static long[] reserve(Connection c, int n) throws SQLException {
        long[] out = new long[n];
        int i = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval(pg_get_serial_sequence('app_results', 'seq'))"
                + " FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && i < n) {
                    out[i++] = rs.getLong(1);
                }
            }
        }
        if (i != n) {
            throw new SQLException("app_results' sequence gave " + i + " values for " + n + " rows");
        }
        Arrays.sort(out);
        return out;
    }

    /** One JDBC batch of the rows, with the given seqs first when not null. */
    private static void batch(SqlDatabase db, Connection c, String sql, List<AppResult> rows, long[] seq)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                List<Object> values = new ArrayList<>(11);
                if (seq != null) {
                    values.add(seq[i]);
                }
                values.addAll(values(rows.get(i)));
                Jdbc.bind(db.dialect(), ps, values);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** MariaDB: multi-row inserts returning the seqs of their rows, in row order. */
    private static long[] returning(SqlDatabase db, Connection c, List<AppResult> rows) throws SQLException {
        long[] out = new long[rows.size()];
        int n = 0;
        for (int from = 0; from < rows.size(); from += MARIA_ROWS) {
            List<AppResult> part = rows.subList(from, Math.min(rows.size(), from + MARIA_ROWS));
            String sql = INSERT + String.join(", ", Collections.nCopies(part.size(), marks(10))) + " RETURNING seq";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                List<Object> values = new ArrayList<>(part.size() * 10);
                part.forEach(r -> values.addAll(values(r)));
                Jdbc.bind(db.dialect(), ps, values);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && n < out.length) {
                        out[n++] = rs.getLong(1);
                    }
                }
            }
        }
        if (n != rows.size()) {
            throw new SQLException("INSERT … RETURNING gave " + n + " seqs for " + rows.size() + " rows");
        }
        return out;
    }

    private static List<Object> values(AppResult r) {
        return Arrays.asList(r.project(), r.uid(), r.application(), r.windowStart(), r.windowEnd(), r.name(),
                r.value(), r.kind().code(), r.status().code(), r.extraDataJson());
    }

    private static String marks(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }
}
