package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes app results and metrics in the caller's transaction (issue 17): the history rows with the DuckDB Appender
 * into {@code app_results} / {@code app_metrics}, their {@code seq} taken as one block of {@code row_seq} values
 * (the values a {@code nextval('row_seq')} per row would have given: ascending in list order, results before
 * metrics), then the latest rows by key through {@link DuckLatest}: a fixed number of statements per call, whatever
 * the number of rows (see {@link Staging} for the cost). A large extra_data is kept in the history row only
 * ({@link HistoryExtra}).
 */
final class DuckAppOutputs {
    private static final String SEQUENCE = "SELECT nextval('row_seq') FROM range(?::BIGINT)";

    private DuckAppOutputs() {
    }

    /** Appends the history rows and upserts the latest ones, results first. */
    static void write(DuckDatabase db, DuckDBConnection c, List<AppResult> results, List<AppMetric> metrics)
            throws SQLException {
        if (results.isEmpty() && metrics.isEmpty()) {
            return;
        }
        Staging.begin(db, c);
        long[] seq = sequence(db, c, results.size() + metrics.size());
        appendResults(c, results, seq);
        appendMetrics(c, metrics, seq, results.size());
        for (int i = 0; i < results.size(); i++) {
            AppResult r = results.get(i);
            if (!HistoryExtra.inline(r.extraDataJson())) {
                db.noteHistoryOnly(HistoryExtra.key(r.project(), r.uid(), r.application(), r.name(), r.windowEnd()),
                        seq[i]);
            }
        }
        DuckLatest.results(db, c, results, seq);
        DuckLatest.metrics(db, c, metrics);
    }

    /** {@code n} values of {@code row_seq}, ascending. */
    static long[] sequence(DuckDatabase db, DuckDBConnection c, int n) throws SQLException {
        long[] out = new long[n];
        int i = 0;
        try (PreparedStatement ps = db.statement(c, SEQUENCE)) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out[i++] = rs.getLong(1);
                }
            }
        }
        if (i != n) {
            throw new SQLException("row_seq gave " + i + " values for " + n + " rows");
        }
        Arrays.sort(out);
        return out;
    }

    private static void appendResults(DuckDBConnection c, List<AppResult> rows, long[] seq) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int i = 0;
        try (DuckDBAppender a = c.createAppender("main", "app_results")) {
            for (AppResult r : rows) {
                a.beginRow().append(r.project()).append(r.uid()).append(r.application())
                        .appendEpochMicros(Sql.micros(r.windowStart())).appendEpochMicros(Sql.micros(r.windowEnd()))
                        .append(r.name()).append(r.value()).append(r.kind().code()).append(r.status().code());
                appendNullable(a, r.extraDataJson()).append(seq[i++]).endRow();
            }
        }
    }

    private static void appendMetrics(DuckDBConnection c, List<AppMetric> rows, long[] seq, int from)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int i = from;
        try (DuckDBAppender a = c.createAppender("main", "app_metrics")) {
            for (AppMetric m : rows) {
                a.beginRow().append(m.project()).append(m.uid()).append(m.application())
                        .appendEpochMicros(Sql.micros(m.windowStart())).appendEpochMicros(Sql.micros(m.windowEnd()))
                        .append(m.name()).append(m.value()).append(seq[i++]).endRow();
            }
        }
    }

    /** Appends the string, or NULL for null. */
    static DuckDBAppender appendNullable(DuckDBAppender a, String s) throws SQLException {
        return s == null ? a.appendNull() : a.append(s);
    }
}
