package io.driftwatch.store.sql;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.LatestEnd;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * {@link TimeSeriesStore} on {@code predictions, errors} (PostgreSQL: partitioned by day; MySQL: indexed by
 * (endpoint, time) and time) and {@code app_results, app_metrics} (full history, indexed by (endpoint, window_end)).
 * Rows are inserted in JDBC batches (rewritten to multi-row inserts by both drivers). Every read is a range scan of
 * the {@code (project, uid, time|window_end)} index; the current version of a re-analysed window and the latest
 * result per (application, name) are {@code row_number()} window queries over that range.
 */
final class SqlTimeSeriesStore implements TimeSeriesStore {
    static final String RESULT_COLUMNS = "project, uid, application, window_start, window_end, name, value, "
            + "kind, status, extra_data";
    /**
     * {@link #RESULT_COLUMNS} of {@code app_results r}. {@link #projectAppResults} picks the newest rows on the key
     * columns first and reads {@code extra_data} (~9 KB for a drift result) of those rows only, by primary key: the
     * window function over the range no longer carries the text through its sort, which MariaDB materialized in an
     * on-disk temporary table (90,000 rows, 30,000 with 9 KB: 7.3–8.2 s → 0.7 s on MariaDB 10.11, issue 17).
     */
    private static final String PREFIXED_RESULT_COLUMNS = "r.project, r.uid, r.application, r.window_start,"
            + " r.window_end, r.name, r.value, r.kind, r.status, r.extra_data";
    /** {@link #RESULT_COLUMNS} of the latest table and the seq of the history row holding a large extra_data. */
    private static final String LATEST_RESULT_COLUMNS = RESULT_COLUMNS + ", extra_seq";
    private static final String METRIC_COLUMNS = "project, uid, application, window_start, window_end, name, value";
    private static final String END_COLUMNS = "SELECT uid, application, name, window_end";
    /** Chunk of MySQL's bounded deletes: short transactions, short row locks. */
    static final int DELETE_CHUNK = 10_000;
    /** The latest tables before the history: a latest row never outlives the history row holding its extra_data. */
    private static final List<String> ALL_TABLES = List.of("app_results_latest", "app_metrics_latest",
            "predictions", "errors", "app_results", "app_metrics", SqlLabels.TABLE);
    private final SqlDatabase db;
    private final SqlLabels labels;

    SqlTimeSeriesStore(SqlDatabase db) {
        this.db = db;
        this.labels = new SqlLabels(db);
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
        preparePartitions(db, rows, List.of());
        db.write("write predictions", c -> {
            insertPredictions(db, c, rows);
            return null;
        });
    }

    @Override
    public void writeErrors(List<ErrorEvent> rows) {
        preparePartitions(db, List.of(), rows);
        db.write("write errors", c -> {
            insertErrors(db, c, rows);
            return null;
        });
    }

    /** Creates the day partitions the rows go to (PostgreSQL), before the writing transaction. */
    static void preparePartitions(SqlDatabase db, List<Prediction> predictions, List<ErrorEvent> errors) {
        db.partitions().ensure("predictions", predictions.stream().map(Prediction::time).toList());
        db.partitions().ensure("errors", errors.stream().map(ErrorEvent::time).toList());
    }

    static void insertPredictions(SqlDatabase db, Connection c, List<Prediction> rows) throws SQLException {
        batch(db, c, "INSERT INTO predictions (project, uid, time, latency_us, row_count, custom_metrics) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows, p -> List.of(p.project(), p.uid(), p.time(), p.latencyMicros(),
                p.rows(), p.customMetrics().isEmpty() ? new Jdbc.Null(Types.VARCHAR) : Jdbc.json(p.customMetrics())));
    }

    static void insertErrors(SqlDatabase db, Connection c, List<ErrorEvent> rows) throws SQLException {
        batch(db, c, "INSERT INTO errors (project, uid, time, kind, message) VALUES (?, ?, ?, ?, ?)", rows,
                e -> java.util.Arrays.asList(e.project(), e.uid(), e.time(), e.kind(), e.message()));
    }

    private static <T> void batch(SqlDatabase db, Connection c, String sql, List<T> rows,
                                  Function<T, List<?>> values) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                Jdbc.bind(db.dialect(), ps, values.apply(row));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) {
                db.partitions().forget(); // no partition for a row: another process dropped it; the retry creates it
            }
            throw e;
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

    /** Results and metrics in one transaction: their history rows, then their latest rows. */
    @Override
    public void writeAppOutputs(List<AppResult> results, List<AppMetric> metrics) {
        if (results.isEmpty() && metrics.isEmpty()) {
            return;
        }
        db.write("write app outputs", c -> {
            insertResults(c, results);
            insertMetrics(c, metrics);
            return null;
        });
    }

    /**
     * The history rows, then the latest rows. When a result's extra_data is kept in its history row only
     * ({@link HistoryExtra}), the rows' seqs are learnt in this transaction and noted for the drift rows written in
     * the same {@link SqlDatabase#together} call.
     */
    private void insertResults(Connection c, List<AppResult> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        long[] seq = HistoryRows.insert(db, c, rows);
        for (int i = 0; seq != null && i < rows.size(); i++) {
            AppResult r = rows.get(i);
            if (!HistoryExtra.inline(r.extraDataJson())) {
                db.noteHistoryOnly(HistoryExtra.key(r.project(), r.uid(), r.application(), r.name(), r.windowEnd()),
                        seq[i]);
            }
        }
        LatestRows.upsertResults(db, c, rows, seq);
    }

    private void insertMetrics(Connection c, List<AppMetric> rows) throws SQLException {
        batch(db, c, "INSERT INTO app_metrics (" + METRIC_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", rows,
                m -> List.of(m.project(), m.uid(), m.application(), m.windowStart(), m.windowEnd(), m.name(),
                        m.value()));
        LatestRows.upsertMetrics(db, c, rows);
    }

    @Override
    public List<Prediction> predictions(String project, String uid, Instant start, Instant end) {
        return query("SELECT project, uid, time, latency_us, row_count, custom_metrics FROM predictions WHERE "
                + "project = ? AND uid = ? AND time >= ? AND time < ? ORDER BY time, seq", rs -> new Prediction(
                rs.getString(1), rs.getString(2), db.dialect().time(rs, 3), rs.getLong(4), rs.getInt(5),
                Jdbc.doubleMap(rs.getString(6))), List.of(project, uid, start, end));
    }

    @Override
    public List<ErrorEvent> errors(String project, String uid, Instant start, Instant end) {
        return query("SELECT project, uid, time, kind, message FROM errors WHERE project = ? AND uid = ? AND "
                + "time >= ? AND time < ? ORDER BY time, seq", rs -> new ErrorEvent(rs.getString(1), rs.getString(2),
                db.dialect().time(rs, 3), rs.getString(4), rs.getString(5)), List.of(project, uid, start, end));
    }

    @Override
    public List<AppResult> appResults(String project, String uid, String application, String name, Instant start,
                                      Instant end) {
        return query(current(RESULT_COLUMNS, "app_results", windowFilter(application, name)), this::result,
                args(project, uid, start, end, application, name));
    }

    @Override
    public List<AppResult> appResultHistory(String project, String uid, String application, String name,
                                            Instant start, Instant end) {
        return query("SELECT " + RESULT_COLUMNS + " FROM app_results" + windowFilter(application, name)
                + " ORDER BY window_end, seq", this::result, args(project, uid, start, end, application, name));
    }

    @Override
    public List<AppMetric> appMetrics(String project, String uid, String application, String name, Instant start,
                                      Instant end) {
        return query(current(METRIC_COLUMNS, "app_metrics", windowFilter(application, name)), this::metric,
                args(project, uid, start, end, application, name));
    }

    /** The last written version per (application, name, window start), by window end then write order. */
    private static String current(String columns, String table, String where) {
        return "SELECT " + columns + " FROM (SELECT " + columns + ", seq, row_number() OVER (PARTITION BY "
                + "application, name, window_start ORDER BY seq DESC) AS rn FROM " + table + where
                + ") v WHERE rn = 1 ORDER BY window_end, seq";
    }

    /** The latest row per (application, name) of an endpoint: the rows of its latest table, by key. */
    private static String latest(String columns, String table) {
        return "SELECT " + columns + " FROM " + table + " WHERE project = ? AND uid = ? ORDER BY application, name";
    }

    @Override
    public List<AppResult> latestAppResults(String project, String uid) {
        return db.read("query latest results", c -> withHistoryExtra(c, Jdbc.query(c, db.dialect(),
                latest(LATEST_RESULT_COLUMNS, "app_results_latest"), this::latestRow, List.of(project, uid))));
    }

    @Override
    public List<AppMetric> latestAppMetrics(String project, String uid) {
        return query(latest(METRIC_COLUMNS, "app_metrics_latest"), this::metric, List.of(project, uid));
    }

    /** One statement, a primary-key lookup per uid ({@link ByUids}). */
    @Override
    public List<AppResult> latestAppResults(String project, Collection<String> uids) {
        return db.read("query latest results", c -> withHistoryExtra(c, ByUids.query(c, db.dialect(), "SELECT "
                + LATEST_RESULT_COLUMNS + " FROM app_results_latest", "", project, uids, this::latestRow)));
    }

    @Override
    public List<AppMetric> latestAppMetrics(String project, Collection<String> uids) {
        return db.read("query latest metrics", c -> ByUids.query(c, db.dialect(), "SELECT " + METRIC_COLUMNS
                + " FROM app_metrics_latest", "", project, uids, this::metric));
    }

    /** The keys and window ends of {@link #latestAppResults(String, Collection)} (no values, no extra_data). */
    @Override
    public List<LatestEnd> latestResultEnds(String project, Collection<String> uids) {
        return db.read("query latest result ends", c -> ByUids.query(c, db.dialect(), END_COLUMNS
                + " FROM app_results_latest", "", project, uids, this::end));
    }

    @Override
    public List<LatestEnd> latestMetricEnds(String project, Collection<String> uids) {
        return db.read("query latest metric ends", c -> ByUids.query(c, db.dialect(), END_COLUMNS
                + " FROM app_metrics_latest", "", project, uids, this::end));
    }

    private LatestEnd end(ResultSet rs) throws SQLException {
        return new LatestEnd(rs.getString(1), rs.getString(2), rs.getString(3), db.dialect().time(rs, 4));
    }

    /** The newest {@code limit} current results of the project in the range, through the (project, window_end) index. */
    @Override
    public List<AppResult> projectAppResults(String project, Instant start, Instant end, int limit) {
        List<AppResult> newest = query("SELECT " + PREFIXED_RESULT_COLUMNS + " FROM app_results r JOIN ("
                + "SELECT seq FROM (SELECT seq, uid, window_end, row_number() OVER (PARTITION BY uid, application, name,"
                + " window_start ORDER BY seq DESC) AS rn FROM app_results WHERE project = ? AND window_end >= ?"
                + " AND window_end < ?) v WHERE rn = 1 ORDER BY window_end DESC, uid DESC, seq DESC LIMIT ?) k"
                + " ON r.seq = k.seq ORDER BY r.window_end DESC, r.uid DESC, r.seq DESC", this::result,
                List.of(project, start, end, limit));
        return newest.reversed();
    }

    private static String windowFilter(String application, String name) {
        return " WHERE project = ? AND uid = ? AND window_end >= ? AND window_end < ?"
                + (application == null ? "" : " AND application = ?") + (name == null ? "" : " AND name = ?");
    }

    private static List<Object> args(String project, String uid, Instant start, Instant end, String app,
                                     String name) {
        List<Object> a = new ArrayList<>(List.of(project, uid, start, end));
        if (app != null) {
            a.add(app);
        }
        if (name != null) {
            a.add(name);
        }
        return a;
    }

    private AppResult result(ResultSet rs) throws SQLException {
        return new AppResult(rs.getString(1), rs.getString(2), rs.getString(3), db.dialect().time(rs, 4),
                db.dialect().time(rs, 5), rs.getString(6), rs.getDouble(7), ResultKind.ofCode(rs.getInt(8)),
                ResultStatus.ofCode(rs.getInt(9)), rs.getString(10));
    }

    /** A latest row and the seq of the history row holding its extra_data (null: inline, {@link HistoryExtra}). */
    private record Latest(AppResult result, Long extraSeq) {
    }

    private Latest latestRow(ResultSet rs) throws SQLException {
        AppResult r = result(rs);
        long seq = rs.getLong(11);
        return new Latest(r, rs.wasNull() ? null : seq);
    }

    /** The results of latest rows, each with its extra_data (those kept in the history read in one query). */
    private List<AppResult> withHistoryExtra(Connection c, List<Latest> rows) throws SQLException {
        List<Long> seqs = rows.stream().map(Latest::extraSeq).toList();
        java.util.Map<Long, String> extra = HistoryExtra.extraData(c, db.dialect(), seqs);
        return rows.stream().map(l -> l.extraSeq() == null ? l.result() : withExtra(l.result(),
                extra.get(l.extraSeq()))).toList();
    }

    private static AppResult withExtra(AppResult r, String extra) {
        return new AppResult(r.project(), r.uid(), r.application(), r.windowStart(), r.windowEnd(), r.name(),
                r.value(), r.kind(), r.status(), extra);
    }

    private AppMetric metric(ResultSet rs) throws SQLException {
        return new AppMetric(rs.getString(1), rs.getString(2), rs.getString(3), db.dialect().time(rs, 4),
                db.dialect().time(rs, 5), rs.getString(6), rs.getDouble(7));
    }

    private <T> List<T> query(String sql, Jdbc.RowMapper<T> mapper, List<?> args) {
        return db.read("query time series", c -> Jdbc.query(c, db.dialect(), sql, mapper, args));
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        keepStats("h.project = ? AND h.uid = ?", List.of(project, uid));
        Retention.deleteWhere(db, ALL_TABLES, "project = ? AND uid = ?", List.of(project, uid));
    }

    @Override
    public void deleteProject(String project) {
        keepStats("h.project = ?", List.of(project));
        Retention.deleteWhere(db, ALL_TABLES, "project = ?", List.of(project));
    }

    /**
     * Before history rows go, the drift rows referencing them get their statistics ({@link HistoryExtra#keepStats}):
     * an endpoint keeps its current_stats while it exists, whatever happens to its time series.
     */
    private void keepStats(String historyWhere, List<?> args) {
        db.write("keep the statistics of expiring windows", c -> HistoryExtra.keepStats(c, db.dialect(),
                historyWhere, args));
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        long n = 0;
        for (String table : DayPartitions.TABLES) {
            n += Retention.olderThan(db, table, "time", cutoff);
        }
        keepStats("h.window_end < ?", List.of(cutoff));
        // a latest row older than the cutoff is the endpoint's only one left; it goes before the history row that
        // may hold its extra_data (not counted: a copy of a history row)
        Retention.deleteWhere(db, List.of("app_results_latest", "app_metrics_latest"), "window_end < ?",
                List.of(cutoff));
        n += Retention.olderThan(db, "app_results", "window_end", cutoff);
        n += Retention.olderThan(db, "app_metrics", "window_end", cutoff);
        n += Retention.olderThan(db, SqlLabels.TABLE, "prediction_time", cutoff);
        return n;
    }
}
