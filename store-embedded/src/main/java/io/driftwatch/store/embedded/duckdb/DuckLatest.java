package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
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
    /** The newest staged row per key (one per key: {@link #newest}) upserted in one statement of fixed text. */
    private static final String RESULTS_UPSERT = "INSERT INTO app_results_latest SELECT * FROM temp.main."
            + Staging.RESULTS + SET + ", kind = excluded.kind, status = excluded.status, extra_data = excluded.extra_data,"
            + " extra_seq = excluded.extra_seq"
            + " WHERE excluded.window_end >= app_results_latest.window_end";
    private static final String METRICS_UPSERT = "INSERT INTO app_metrics_latest SELECT * FROM temp.main."
            + Staging.METRICS + SET + " WHERE excluded.window_end >= app_metrics_latest.window_end";

    private DuckLatest() {
    }

    /**
     * Upserts the newest of {@code rows} per key in the caller's (begun) transaction; {@code seq[i]} is the history
     * row of {@code rows.get(i)}, which a large extra_data is read from ({@link HistoryExtra}).
     */
    static void results(DuckDatabase db, DuckDBConnection c, List<AppResult> rows, long[] seq) throws SQLException {
        List<Integer> newest = newest(java.util.stream.IntStream.range(0, rows.size()).boxed().toList(),
                i -> List.of(rows.get(i).project(), rows.get(i).uid(), rows.get(i).application(), rows.get(i).name()),
                i -> rows.get(i).windowEnd());
        if (newest.isEmpty()) {
            return;
        }
        try (DuckDBAppender a = Staging.appender(c, Staging.RESULTS)) {
            for (int i : newest) {
                AppResult r = rows.get(i);
                key(a, r.project(), r.uid(), r.application(), r.name(), r.windowStart(), r.windowEnd(), r.value())
                        .append(r.kind().code()).append(r.status().code());
                if (HistoryExtra.inline(r.extraDataJson())) {
                    DuckAppOutputs.appendNullable(a, r.extraDataJson()).appendNull().endRow();
                } else {
                    a.appendNull().append(seq[i]).endRow();
                }
            }
        }
        Staging.apply(db, c, RESULTS_UPSERT, Staging.RESULTS);
    }

    /** Upserts the newest of {@code rows} per key in the caller's (begun) transaction. */
    static void metrics(DuckDatabase db, DuckDBConnection c, List<AppMetric> rows) throws SQLException {
        List<AppMetric> newest = newest(rows, m -> List.of(m.project(), m.uid(), m.application(), m.name()),
                AppMetric::windowEnd);
        if (newest.isEmpty()) {
            return;
        }
        try (DuckDBAppender a = Staging.appender(c, Staging.METRICS)) {
            for (AppMetric m : newest) {
                key(a, m.project(), m.uid(), m.application(), m.name(), m.windowStart(), m.windowEnd(), m.value())
                        .endRow();
            }
        }
        Staging.apply(db, c, METRICS_UPSERT, Staging.METRICS);
    }

    /** Drops the latest rows whose window ended before the cutoff (the history rows go in the same call). */
    static void deleteOlderThan(DuckDatabase db, Instant cutoff) {
        Deletes.olderThan(db, cutoff, List.of(List.of("app_results_latest", "window_end"),
                List.of("app_metrics_latest", "window_end")));
    }

    /** Begins a staged row with the seven common columns. */
    private static DuckDBAppender key(DuckDBAppender a, String project, String uid, String app, String name,
                                      Instant start, Instant end, double value) throws SQLException {
        return a.beginRow().append(project).append(uid).append(app).append(name)
                .appendEpochMicros(Sql.micros(start)).appendEpochMicros(Sql.micros(end)).append(value);
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
