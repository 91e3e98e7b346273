package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.EndpointStore.StatsSource;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.stats.json.FeatureStatsJson;
import io.driftwatch.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema version 9 on PostgreSQL and MariaDB ({@link HistoryExtra}): a large extra_data is stored in its history
 * row only, the latest row holding {@code extra_seq} and the endpoint's drift row {@code stats_seq}; every read
 * answers as if they held copies; retention and the deletion of an endpoint's time series copy the statistics into
 * the drift rows first; rows written before version 9 (inline copies) read as before.
 */
class SqlHistoryExtraIT {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final String APP = "histogram-data-drift";
    private TestDatabase server;
    private String name;
    private SqlDatabase db;
    private EndpointStore endpoints;
    private TimeSeriesStore series;

    private void open(TestDatabase s) throws SQLException {
        server = s;
        name = s.create();
        db = (SqlDatabase) s.open(name, Clock.systemUTC());
        endpoints = db.endpoints();
        series = db.timeSeries();
    }

    @AfterEach
    void drop() throws SQLException {
        if (db != null) {
            db.close();
            server.drop(name);
        }
    }

    private ModelEndpoint endpoint(String model) {
        ModelEndpoint e = TestData.endpoint("p", "serving", model);
        endpoints.put(e);
        return e;
    }

    /** A general_drift extra_data (> 2 KB) whose current_stats are {@code stats}. */
    private static String extra(FeatureStats stats, double value) throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("current_stats", FeatureStatsJson.toMap(stats));
        extra.put("drift_measures", Map.of("tvd_mean", value));
        extra.put("note", "x".repeat(HistoryExtra.INLINE_LIMIT));
        return Jdbc.JSON.writeValueAsString(extra);
    }

    private static AppResult result(ModelEndpoint e, Instant end, String name, String extra) {
        return result(e, end, name, extra, 0.5);
    }

    private static AppResult result(ModelEndpoint e, Instant end, String name, String extra, double value) {
        return new AppResult("p", e.uid(), APP, end.minusSeconds(600), end, name, value, ResultKind.DATA_DRIFT,
                ResultStatus.DETECTED, extra);
    }

    private static DriftUpdate drift(ModelEndpoint e, Instant end, FeatureStats stats) {
        return new DriftUpdate("p", e.uid(), ResultStatus.DETECTED, Map.of("tvd_mean", 0.5), stats,
                new StatsSource(APP, "general_drift", end));
    }

    /** The controller's flush of one window: a large and a small result, then the drift row, in one transaction. */
    private void window(ModelEndpoint e, Instant end, FeatureStats stats) {
        endpoints.writeTogether("p", () -> {
            try {
                series.writeAppOutputs(List.of(result(e, end, "general_drift", extra(stats, 0.5)),
                        result(e, end, "ks", "{\"small\":true}")), List.of());
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
            endpoints.recordDrift(List.of(drift(e, end, stats)));
            return null;
        });
    }

    /** MariaDB: the INSERT statements this session ran (inside writeTogether: the transaction's connection). */
    private long inserts() {
        if (server != TestDatabase.MARIADB) {
            return 0;
        }
        return db.read("count inserts", c -> Jdbc.first(c, db.dialect(), "SHOW SESSION STATUS LIKE 'Com_insert'",
                rs -> rs.getLong(2), List.of()).orElseThrow());
    }

    private String scalar(String sql) throws SQLException {
        return SqlStoresITRows.scalar(server, name, sql);
    }

    /** The seq of the endpoint's last written general_drift history row. */
    private String lastHistorySeq(ModelEndpoint e) throws SQLException {
        return scalar("SELECT max(seq) FROM app_results WHERE uid = '" + e.uid() + "' AND name = 'general_drift'");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void largeExtraDataAndTheStatisticsAreStoredInTheHistoryRowOnly(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint e = endpoint("churn");
        window(e, T0, SqlReferenceStatsIT.stats(1));
        window(e, T0.plusSeconds(600), SqlReferenceStatsIT.stats(2));
        String seq = lastHistorySeq(e);
        assertThat(seq).isNotNull();
        assertThat(scalar("SELECT count(*) FROM app_results_latest WHERE name = 'general_drift' AND extra_data IS NULL"
                + " AND extra_seq = " + seq)).as("the latest row holds a reference, no copy").isEqualTo("1");
        assertThat(scalar("SELECT count(*) FROM app_results_latest WHERE name = 'ks' AND extra_data IS NOT NULL"
                + " AND extra_seq IS NULL")).as("a small extra_data stays inline").isEqualTo("1");
        assertThat(scalar("SELECT count(*) FROM endpoint_drift WHERE current_stats IS NULL AND stats_seq = " + seq))
                .as("the drift row holds a reference, no copy").isEqualTo("1");
        String expected = extra(SqlReferenceStatsIT.stats(2), 0.5);
        assertThat(series.latestAppResults("p", e.uid())).extracting(AppResult::name, AppResult::extraDataJson)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("general_drift", expected),
                        org.assertj.core.groups.Tuple.tuple("ks", "{\"small\":true}"));
        assertThat(series.latestAppResults("p", List.of(e.uid()))).extracting(AppResult::extraDataJson)
                .contains(expected, "{\"small\":true}");
        ModelEndpoint want = drift(e, T0, SqlReferenceStatsIT.stats(2)).applyTo(e);
        assertThat(endpoints.get("p", e.uid())).contains(want);
        assertThat(endpoints.getAll("p", List.of(e.uid()))).containsEntry(e.uid(), want);
        assertThat(endpoints.list("p", EndpointFilter.ALL)).containsExactly(want);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyLatestRowOfALargeBatchReferencesItsOwnHistoryRow(TestDatabase s) throws Exception {
        open(s);
        int n = 2 * HistoryRows.MARIA_ROWS + 50; // several MariaDB statements, one PostgreSQL block
        List<AppResult> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ModelEndpoint e = TestData.endpoint("p", "serving", "m" + i);
            rows.add(result(e, T0.plusSeconds(i % 7), "r" + (i % 3), extra(SqlReferenceStatsIT.stats(i), i), i));
        }
        long statements = endpoints.writeTogether("p", () -> {
            long before = inserts();
            series.writeAppOutputs(rows, List.of());
            return inserts() - before;
        });
        if (s == TestDatabase.MARIADB) {
            // multi-row statements (3 for the history, the latest rows' batch): not one INSERT per row
            assertThat(statements).isBetween(3L, 9L);
        }
        assertThat(scalar("SELECT count(*) FROM app_results_latest l JOIN app_results h ON h.seq = l.extra_seq"
                + " WHERE h.uid = l.uid AND h.name = l.name AND h.window_end = l.window_end AND h.value = l.value"
                + " AND l.extra_data IS NULL")).isEqualTo(Integer.toString(n));
        assertThat(scalar("SELECT count(*) FROM app_results")).isEqualTo(Integer.toString(n));
        AppResult last = rows.get(n - 1);
        assertThat(series.latestAppResults("p", last.uid())).containsExactly(last);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retentionAndDeletingTheTimeSeriesKeepTheStatisticsAndTheLatestExtraData(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint idle = endpoint("idle");
        ModelEndpoint busy = endpoint("busy");
        Instant t1 = T0.plusSeconds(3600);
        window(idle, T0, SqlReferenceStatsIT.stats(1));
        window(busy, T0, SqlReferenceStatsIT.stats(2));
        window(busy, t1, SqlReferenceStatsIT.stats(3));
        series.deleteOlderThan(t1.minusSeconds(1));
        assertThat(scalar("SELECT count(*) FROM app_results WHERE uid = '" + idle.uid() + "'")).isEqualTo("0");
        assertThat(scalar("SELECT count(*) FROM app_results WHERE uid = '" + busy.uid() + "'")).isEqualTo("2");
        assertThat(endpoints.get("p", idle.uid()).orElseThrow().status().currentStats())
                .as("the idle endpoint's statistics outlive their window").isEqualTo(SqlReferenceStatsIT.stats(1));
        assertThat(scalar("SELECT count(*) FROM endpoint_drift WHERE uid = '" + idle.uid()
                + "' AND current_stats IS NOT NULL AND stats_seq IS NULL")).isEqualTo("1");
        assertThat(series.latestAppResults("p", idle.uid())).as("its latest rows went with their window").isEmpty();
        assertThat(series.latestAppResults("p", busy.uid())).extracting(AppResult::extraDataJson)
                .contains(extra(SqlReferenceStatsIT.stats(3), 0.5));
        assertThat(endpoints.get("p", busy.uid()).orElseThrow().status().currentStats())
                .isEqualTo(SqlReferenceStatsIT.stats(3));

        series.deleteEndpoint("p", busy.uid());
        assertThat(scalar("SELECT count(*) FROM app_results WHERE uid = '" + busy.uid() + "'")).isEqualTo("0");
        assertThat(endpoints.get("p", busy.uid()).orElseThrow().status().currentStats())
                .as("an endpoint keeps its statistics while it exists").isEqualTo(SqlReferenceStatsIT.stats(3));
        series.deleteProject("p");
        assertThat(endpoints.get("p", idle.uid()).orElseThrow().status().currentStats())
                .isEqualTo(SqlReferenceStatsIT.stats(1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void outsideATransactionOfBothWritesTheDriftRowKeepsItsOwnCopy(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint e = endpoint("churn");
        series.writeAppOutputs(List.of(result(e, T0, "general_drift", extra(SqlReferenceStatsIT.stats(4), 0.5))),
                List.of());
        endpoints.recordDrift(List.of(drift(e, T0, SqlReferenceStatsIT.stats(4))));
        assertThat(scalar("SELECT count(*) FROM endpoint_drift WHERE current_stats IS NOT NULL AND stats_seq IS NULL"))
                .isEqualTo("1");
        assertThat(scalar("SELECT count(*) FROM app_results_latest WHERE extra_data IS NULL AND extra_seq IS NOT NULL"))
                .as("the latest row is written with its history row: it references it").isEqualTo("1");
        assertThat(endpoints.get("p", e.uid()).orElseThrow().status().currentStats())
                .isEqualTo(SqlReferenceStatsIT.stats(4));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rowsWrittenBeforeVersion9WithInlineCopiesReadAsBefore(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint e = endpoint("churn");
        String extra = extra(SqlReferenceStatsIT.stats(5), 0.7);
        try (Connection c = server.connect(name)) {
            // the columns of version 8: the new ones left NULL, as in every row written before the migration
            insert(c, "DELETE FROM endpoint_drift WHERE uid = ?", e.uid());
            insert(c, "INSERT INTO app_results_latest (project, uid, series, application, name, window_start,"
                    + " window_end, value, kind, status, extra_data) VALUES ('p', ?, ?, ?, 'general_drift', ?, ?, 0.7,"
                    + " 0, 2, ?)", e.uid(), LatestRows.series(APP, "general_drift"), APP,
                    T0.minusSeconds(600), T0, extra);
            insert(c, "INSERT INTO endpoint_drift (project, uid, drift_status, drift_measures, current_stats, updated)"
                    + " VALUES ('p', ?, 2, '{\"tvd_mean\":0.7}', ?, ?)", e.uid(),
                    EndpointJson.writeStats(SqlReferenceStatsIT.stats(5)), T0);
        }
        assertThat(series.latestAppResults("p", e.uid())).extracting(AppResult::extraDataJson).containsExactly(extra);
        assertThat(endpoints.get("p", e.uid())).contains(new DriftUpdate("p", e.uid(), ResultStatus.DETECTED,
                Map.of("tvd_mean", 0.7), SqlReferenceStatsIT.stats(5)).applyTo(e));
        window(e, T0.plusSeconds(600), SqlReferenceStatsIT.stats(6));
        assertThat(endpoints.get("p", e.uid()).orElseThrow().status().currentStats())
                .isEqualTo(SqlReferenceStatsIT.stats(6));
        assertThat(series.latestAppResults("p", e.uid())).extracting(AppResult::extraDataJson)
                .contains(extra(SqlReferenceStatsIT.stats(6), 0.5));
    }

    private void insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(db.dialect(), ps, List.of(args));
            ps.executeUpdate();
        }
    }
}
