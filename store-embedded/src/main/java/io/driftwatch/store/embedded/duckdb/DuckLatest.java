package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * The latest app output per (endpoint, application, name), by key (schema version 4): upserted in the transaction
 * that appends the history, replacing a stored row only with one of the same or a later window end (a window
 * analysed again replaces its own latest row; an older window never replaces a newer one). Equal to the history's
 * {@code row_number() OVER (… ORDER BY window_end DESC, seq DESC) = 1}.
 */
final class DuckLatest {
    private static final String SET = " ON CONFLICT (project, uid, application, name) DO UPDATE SET"
            + " window_start = excluded.window_start, window_end = excluded.window_end, value = excluded.value";
    private static final String RESULTS = "INSERT INTO app_results_latest VALUES (?, ?, ?, ?, "
            + "make_timestamp(?::BIGINT), make_timestamp(?::BIGINT), ?, ?, ?, ?)" + SET
            + ", kind = excluded.kind, status = excluded.status, extra_data = excluded.extra_data"
            + " WHERE excluded.window_end >= window_end";
    private static final String METRICS = "INSERT INTO app_metrics_latest VALUES (?, ?, ?, ?, "
            + "make_timestamp(?::BIGINT), make_timestamp(?::BIGINT), ?)" + SET
            + " WHERE excluded.window_end >= window_end";

    private DuckLatest() {
    }

    static void results(DuckDatabase db, DuckDBConnection c, List<AppResult> rows) throws SQLException {
        List<AppResult> newest = newest(rows, r -> List.of(r.project(), r.uid(), r.application(), r.name()),
                AppResult::windowEnd);
        if (newest.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.statement(c, RESULTS)) {
            for (AppResult r : newest) {
                bind(ps, r.project(), r.uid(), r.application(), r.name(), r.windowStart(), r.windowEnd(), r.value());
                ps.setInt(8, r.kind().code());
                ps.setInt(9, r.status().code());
                ps.setString(10, r.extraDataJson());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void metrics(DuckDatabase db, DuckDBConnection c, List<AppMetric> rows) throws SQLException {
        List<AppMetric> newest = newest(rows, m -> List.of(m.project(), m.uid(), m.application(), m.name()),
                AppMetric::windowEnd);
        if (newest.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.statement(c, METRICS)) {
            for (AppMetric m : newest) {
                bind(ps, m.project(), m.uid(), m.application(), m.name(), m.windowStart(), m.windowEnd(), m.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Drops the latest rows whose window ended before the cutoff (the history rows go in the same call). */
    static void deleteOlderThan(DuckDatabase db, Instant cutoff) {
        Deletes.olderThan(db, cutoff, List.of(List.of("app_results_latest", "window_end"),
                List.of("app_metrics_latest", "window_end")));
    }

    private static void bind(PreparedStatement ps, String project, String uid, String app, String name, Instant start,
                             Instant end, double value) throws SQLException {
        ps.setString(1, project);
        ps.setString(2, uid);
        ps.setString(3, app);
        ps.setString(4, name);
        Sql.setTime(ps, 5, start);
        Sql.setTime(ps, 6, end);
        ps.setDouble(7, value);
    }

    /** Per key, the row with the latest window end, the later one of the list on a tie. */
    private static <T> List<T> newest(List<T> rows, Function<T, List<String>> key, Function<T, Instant> end) {
        Map<List<String>, T> out = new LinkedHashMap<>();
        for (T r : rows) {
            out.merge(key.apply(r), r, (a, b) -> end.apply(b).isBefore(end.apply(a)) ? a : b);
        }
        return List.copyOf(out.values());
    }
}
