package io.driftwatch.store.sql;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer's read of the latest rows of a batch of endpoints ({@link ByUids}) on a database just filled, before
 * any ANALYZE: each stored row once (duplicate and unknown uids in the request), and on PostgreSQL a primary-key
 * lookup per uid; the {@code project = ? AND uid IN (…)} it replaces was planned as a scan of the whole project.
 */
class SqlLatestLookupIT {
    private static final int ENDPOINTS = 300;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void latestRowsOfABatchAreReadOnceEachByPrimaryKey(TestDatabase server) throws Exception {
        String name = server.create();
        try (SqlStores stores = server.open(name, Clock.systemUTC())) {
            List<AppResult> rows = new ArrayList<>();
            for (int i = 0; i < ENDPOINTS; i++) {
                for (String result : List.of("general_drift", "tvd_mean")) {
                    rows.add(new AppResult("p", uid(i), "drift", T0, T0.plusSeconds(600), result, i,
                            ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, "{}"));
                }
            }
            stores.timeSeries().writeAppResults(rows);
            List<AppResult> read = stores.timeSeries().latestAppResults("p", List.of(uid(7), uid(7), uid(8), "none"));
            assertThat(read).extracting(AppResult::uid, AppResult::name).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(uid(7), "general_drift"),
                    org.assertj.core.groups.Tuple.tuple(uid(7), "tvd_mean"),
                    org.assertj.core.groups.Tuple.tuple(uid(8), "general_drift"),
                    org.assertj.core.groups.Tuple.tuple(uid(8), "tvd_mean"));
            if (server == TestDatabase.POSTGRESQL) {
                assertThat(plan(server, name, "SELECT uid FROM app_results_latest", false))
                        .contains("app_results_latest_pkey")
                        .containsPattern("Index Cond: \\(.*project.*uid.* = \\(k\\.uid\\)");
            }
        } finally {
            server.drop(name);
        }
    }

    /**
     * The processor sink's lock of a batch's endpoint rows ({@link SqlEndpointStore#lockAll}) on a just-filled
     * {@code endpoints}: the records of the stored uids; on PostgreSQL a primary-key lookup per uid, not
     * {@code endpoints_function} or {@code endpoints_model} (which also start with project) with the uid as a filter.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void endpointRowsOfABatchAreLockedByPrimaryKey(TestDatabase server) throws Exception {
        String name = server.create();
        try (SqlStores stores = server.open(name, Clock.systemUTC())) {
            SqlDatabase db = (SqlDatabase) stores;
            for (int i = 0; i < ENDPOINTS; i++) {
                ModelEndpoint e = TestData.endpoint("p", "f" + (i % 3), "m");
                stores.endpoints().put(new ModelEndpoint(new ModelEndpoint.Metadata("p", uid(i),
                        e.metadata().labels()), e.spec(), e.status()));
            }
            Map<String, ModelEndpoint> locked = db.write("lock", c ->
                    SqlEndpointStore.lockAll(db, c, "p", List.of(uid(9), uid(7), uid(7), "none")));
            assertThat(locked).containsOnlyKeys(uid(7), uid(9));
            assertThat(locked.get(uid(7))).isEqualTo(stores.endpoints().get("p", uid(7)).orElseThrow());
            if (server == TestDatabase.POSTGRESQL) {
                assertThat(plan(server, name, "SELECT uid FROM endpoints", true)).contains("LockRows")
                        .contains("endpoints_pkey").doesNotContain("endpoints_function", "endpoints_model")
                        .containsPattern("Index Cond: \\(.*project.*uid.* = \\(k\\.uid\\)");
                assertThat(explain(server, name, EndpointRows.SELECT + " WHERE e.project = ? AND e.uid = ?",
                        List.of("p", uid(5)))).as("one endpoint's read").contains("endpoints_pkey")
                        .doesNotContain("endpoints_function", "endpoints_model");
            }
        } finally {
            server.drop(name);
        }
    }

    private static String explain(TestDatabase server, String name, String sql, List<?> args) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = server.connect(name);
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            Jdbc.bind(Dialect.POSTGRESQL, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The plan PostgreSQL picks for the read (or lock) of 64 of the endpoints. */
    private static String plan(TestDatabase server, String name, String select, boolean lock) throws Exception {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            uids.add(uid(i * 3));
        }
        StringBuilder out = new StringBuilder();
        try (Connection c = server.connect(name)) {
            ByUids.Query q = ByUids.of(c, Dialect.POSTGRESQL, select, "", "p", uids, lock);
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
                Jdbc.bind(Dialect.POSTGRESQL, ps, q.args());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String uid(int i) {
        return String.format("u%04d", i);
    }
}
