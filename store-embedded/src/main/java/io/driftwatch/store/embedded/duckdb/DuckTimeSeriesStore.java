package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.LatestEnd;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link TimeSeriesStore} on the {@code predictions, errors, app_results, app_metrics} tables. Predictions and
 * errors are appended with the DuckDB Appender (~1M rows/s); results and metrics keep their full history, and the
 * latest per (endpoint, application, name) is kept by key in {@code app_results_latest} / {@code app_metrics_latest}
 * ({@link DuckLatest}), upserted in the transaction that appends the history (schema version 4).
 */
final class DuckTimeSeriesStore implements TimeSeriesStore {
    /** Keeps the last written version per (application, name, window start): a re-analysed window replaces. */
    private static final String CURRENT = " QUALIFY row_number() OVER (PARTITION BY application, name, window_start"
            + " ORDER BY seq DESC) = 1";
    private static final String RESULT_COLUMNS = "project, uid, application, epoch_us(window_start), "
            + "epoch_us(window_end), name, value, kind, status, extra_data";
    private static final String LATEST_RESULT_COLUMNS = RESULT_COLUMNS + ", extra_seq";
    private static final String METRIC_COLUMNS = "project, uid, application, epoch_us(window_start), "
            + "epoch_us(window_end), name, value";

    private final DuckDatabase db;
    private final DuckLabels labels;

    DuckTimeSeriesStore(DuckDatabase db) {
        this.db = db;
        this.labels = new DuckLabels(db);
    }

    @Override
    public void writeLabels(List<LabelRecord> rows) {
        labels.write(rows);
    }

    @Override
    public List<LabelRecord> labels(String project, String uid, Instant start, Instant end) {
        return labels.read(project, uid, start, end);
    }

    @Override
    public void writePredictions(List<Prediction> rows) {
        db.write("write predictions", c -> {
            beginTransaction(c);
            appendPredictions(c, rows);
            return null;
        });
    }

    @Override
    public void writeErrors(List<ErrorEvent> rows) {
        db.write("write errors", c -> {
            beginTransaction(c);
            appendErrors(c, rows);
            return null;
        });
    }

    /** The JDBC driver begins a transaction lazily, on the first statement: the Appender needs it begun. */
    static void beginTransaction(DuckDBConnection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    static void appendPredictions(DuckDBConnection c, List<Prediction> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (DuckDBAppender a = c.createAppender("main", "predictions")) {
            for (Prediction p : rows) {
                a.beginRow().append(p.project()).append(p.uid()).appendEpochMicros(Sql.micros(p.time()))
                        .append(p.latencyMicros()).append(p.rows());
                if (p.customMetrics().isEmpty()) {
                    a.appendNull();
                } else {
                    a.append(Sql.json(p.customMetrics()));
                }
                a.endRow();
            }
        }
    }

    static void appendErrors(DuckDBConnection c, List<ErrorEvent> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (DuckDBAppender a = c.createAppender("main", "errors")) {
            for (ErrorEvent e : rows) {
                a.beginRow().append(e.project()).append(e.uid()).appendEpochMicros(Sql.micros(e.time()))
                        .append(e.kind()).append(e.message()).endRow();
            }
        }
    }

    @Override
    public void writeAppResults(List<AppResult> rows) {
        writeAppOutputs(rows, List.of());
    }

    @Override
    public void writeAppMetrics(List<AppMetric> rows) {
        writeAppOutputs(List.of(), rows);
    }

    /** Results and metrics in one transaction: history appended, latest rows upserted ({@link DuckAppOutputs}). */
    @Override
    public void writeAppOutputs(List<AppResult> results, List<AppMetric> metrics) {
        if (results.isEmpty() && metrics.isEmpty()) {
            return;
        }
        db.write("write " + results.size() + " app results and " + metrics.size() + " metrics", c -> {
            DuckAppOutputs.write(db, c, results, metrics);
            return null;
        });
    }

    @Override
    public List<Prediction> predictions(String project, String uid, Instant start, Instant end) {
        return query("SELECT project, uid, epoch_us(time), latency_us, rows, custom_metrics FROM predictions"
                        + " WHERE project = ? AND uid = ? AND time >= make_timestamp(?::BIGINT)"
                        + " AND time < make_timestamp(?::BIGINT) ORDER BY time, rowid",
                rs -> new Prediction(rs.getString(1), rs.getString(2), Sql.time(rs, 3), rs.getLong(4), rs.getInt(5),
                        Sql.doubleMap(rs.getString(6))), project, uid, start, end);
    }

    @Override
    public List<ErrorEvent> errors(String project, String uid, Instant start, Instant end) {
        return query("SELECT project, uid, epoch_us(time), kind, message FROM errors"
                        + " WHERE project = ? AND uid = ? AND time >= make_timestamp(?::BIGINT)"
                        + " AND time < make_timestamp(?::BIGINT) ORDER BY time, rowid",
                rs -> new ErrorEvent(rs.getString(1), rs.getString(2), Sql.time(rs, 3), rs.getString(4),
                        rs.getString(5)), project, uid, start, end);
    }

    @Override
    public List<AppResult> appResults(String project, String uid, String application, String name, Instant start,
                                      Instant end) {
        return query("SELECT " + RESULT_COLUMNS + " FROM app_results" + windowFilter(application, name)
                + CURRENT + " ORDER BY window_end, seq", DuckTimeSeriesStore::result, args(project, uid, start, end,
                application, name));
    }

    @Override
    public List<AppResult> appResultHistory(String project, String uid, String application, String name,
                                            Instant start, Instant end) {
        return query("SELECT " + RESULT_COLUMNS + " FROM app_results" + windowFilter(application, name)
                + " ORDER BY window_end, seq", DuckTimeSeriesStore::result, args(project, uid, start, end,
                application, name));
    }

    @Override
    public List<AppMetric> appMetrics(String project, String uid, String application, String name, Instant start,
                                      Instant end) {
        return query("SELECT " + METRIC_COLUMNS + " FROM app_metrics" + windowFilter(application, name)
                + CURRENT + " ORDER BY window_end, seq", DuckTimeSeriesStore::metric, args(project, uid, start, end,
                application, name));
    }

    @Override
    public List<AppResult> latestAppResults(String project, String uid) {
        return withHistoryExtra(query("SELECT " + LATEST_RESULT_COLUMNS + " FROM app_results_latest"
                + " WHERE project = ? AND uid = ? ORDER BY application, name", DuckTimeSeriesStore::latest, project, uid));
    }

    @Override
    public List<AppMetric> latestAppMetrics(String project, String uid) {
        return query("SELECT " + METRIC_COLUMNS + " FROM app_metrics_latest WHERE project = ? AND uid = ?"
                + " ORDER BY application, name", DuckTimeSeriesStore::metric, project, uid);
    }

    @Override
    public List<AppResult> latestAppResults(String project, Collection<String> uids) {
        List<Latest> out = new ArrayList<>();
        for (List<String> part : Sql.inLists(uids)) {
            out.addAll(query("SELECT " + LATEST_RESULT_COLUMNS + " FROM app_results_latest WHERE project = ? AND uid IN ("
                    + Sql.marks(part.size()) + ")", DuckTimeSeriesStore::latest, withProject(project, part)));
        }
        return withHistoryExtra(out);
    }

    @Override
    public List<AppMetric> latestAppMetrics(String project, Collection<String> uids) {
        List<AppMetric> out = new ArrayList<>();
        for (List<String> part : Sql.inLists(uids)) {
            out.addAll(query("SELECT " + METRIC_COLUMNS + " FROM app_metrics_latest WHERE project = ? AND uid IN ("
                    + Sql.marks(part.size()) + ")", DuckTimeSeriesStore::metric, withProject(project, part)));
        }
        return out;
    }

    @Override
    public List<LatestEnd> latestResultEnds(String project, Collection<String> uids) {
        return latestEnds("app_results_latest", project, uids);
    }

    @Override
    public List<LatestEnd> latestMetricEnds(String project, Collection<String> uids) {
        return latestEnds("app_metrics_latest", project, uids);
    }

    /** The key columns and window end of the latest rows of these endpoints: no value, no extra_data. */
    private List<LatestEnd> latestEnds(String table, String project, Collection<String> uids) {
        List<LatestEnd> out = new ArrayList<>();
        for (List<String> part : Sql.inLists(uids)) {
            out.addAll(query("SELECT uid, application, name, epoch_us(window_end) FROM " + table
                    + " WHERE project = ? AND uid IN (" + Sql.marks(part.size()) + ")",
                    rs -> new LatestEnd(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, 4)),
                    withProject(project, part)));
        }
        return out;
    }

    /**
     * The newest {@code limit} current results of the project in the range: the range prunes row groups by their
     * window_end zone maps (results are appended in about window order), the limit bounds the answer.
     */
    @Override
    public List<AppResult> projectAppResults(String project, Instant start, Instant end, int limit) {
        List<AppResult> newest = query("SELECT " + RESULT_COLUMNS + " FROM app_results WHERE project = ?"
                + " AND window_end >= make_timestamp(?::BIGINT) AND window_end < make_timestamp(?::BIGINT)"
                + " QUALIFY row_number() OVER (PARTITION BY uid, application, name, window_start ORDER BY seq DESC) = 1"
                + " ORDER BY window_end DESC, uid DESC, seq DESC LIMIT ?", DuckTimeSeriesStore::result,
                project, start, end, limit);
        return newest.reversed();
    }

    private static Object[] withProject(String project, Collection<String> uids) {
        List<Object> a = new ArrayList<>(uids.size() + 1);
        a.add(project);
        a.addAll(uids);
        return a.toArray();
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        db.write("delete time series of " + uid, c -> {
            for (String table : List.of("predictions", "errors", "app_results", "app_metrics", "labels",
                    "app_results_latest", "app_metrics_latest")) {
                try (PreparedStatement ps = db.statement(c, 
                        "DELETE FROM " + table + " WHERE project = ? AND uid = ?")) {
                    ps.setString(1, project);
                    ps.setString(2, uid);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static String windowFilter(String application, String name) {
        return " WHERE project = ? AND uid = ? AND window_end >= make_timestamp(?::BIGINT)"
                + " AND window_end < make_timestamp(?::BIGINT)"
                + (application == null ? "" : " AND application = ?") + (name == null ? "" : " AND name = ?");
    }

    private static Object[] args(String project, String uid, Instant start, Instant end, String app, String name) {
        List<Object> a = new ArrayList<>(List.of(project, uid, start, end));
        if (app != null) {
            a.add(app);
        }
        if (name != null) {
            a.add(name);
        }
        return a.toArray();
    }

    private static AppResult result(ResultSet rs) throws SQLException {
        return new AppResult(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, 4), Sql.time(rs, 5),
                rs.getString(6), rs.getDouble(7), ResultKind.ofCode(rs.getInt(8)), ResultStatus.ofCode(rs.getInt(9)),
                rs.getString(10));
    }

    /** A latest row: its extra_data, when only the history keeps it, is the history row's ({@link HistoryExtra}). */
    private record Latest(AppResult result, Long extraSeq) {
    }

    private static Latest latest(ResultSet rs) throws SQLException {
        AppResult r = result(rs);
        long seq = rs.getLong(11);
        return new Latest(r, rs.wasNull() ? null : seq);
    }

    /** The results of the latest rows, the extra_data kept in the history read in one query per 256. */
    private List<AppResult> withHistoryExtra(List<Latest> rows) {
        List<Long> seqs = rows.stream().map(Latest::extraSeq).toList();
        java.util.Map<Long, String> extra = seqs.stream().allMatch(java.util.Objects::isNull) ? java.util.Map.of()
                : db.read("read extra_data of latest results", c -> HistoryExtra.extraData(db, c, seqs));
        return rows.stream().map(l -> l.extraSeq() == null ? l.result() : withExtra(l.result(),
                extra.get(l.extraSeq()))).toList();
    }

    private static AppResult withExtra(AppResult r, String extra) {
        return new AppResult(r.project(), r.uid(), r.application(), r.windowStart(), r.windowEnd(), r.name(),
                r.value(), r.kind(), r.status(), extra);
    }

    private static AppMetric metric(ResultSet rs) throws SQLException {
        return new AppMetric(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, 4), Sql.time(rs, 5),
                rs.getString(6), rs.getDouble(7));
    }

    /** Maps one row. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A query of fixed SQL text (IN lists padded by {@link Sql#inLists}): its statement is cached. */
    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return db.read("query time series", c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof Instant t) {
                        Sql.setTime(ps, i + 1, t);
                    } else {
                        ps.setObject(i + 1, args[i]);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void deleteProject(String project) {
        Deletes.byProject(db, project, List.of("predictions", "errors", "app_results", "app_metrics", "labels",
                "app_results_latest", "app_metrics_latest"));
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        // the latest rows go with their window (as on the SQL stores); they are not counted (copies of history rows)
        db.write("keep the statistics of expiring windows", c -> {
            HistoryExtra.keepExpiringStats(db, c, cutoff);
            return null;
        });
        DuckLatest.deleteOlderThan(db, cutoff);
        return Deletes.olderThan(db, cutoff, List.of(List.of("predictions", "time"), List.of("errors", "time"),
                List.of("app_results", "window_end"), List.of("app_metrics", "window_end"),
                List.of("labels", "prediction_time")));
    }
}
