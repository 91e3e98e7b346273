package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.EndpointStore.Schedule;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.testkit.TestData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EndpointStore#writeTogether} on PostgreSQL and MariaDB (issue 17): a controller batch's app outputs, drift
 * rows and schedules commit once, all or nothing, on one connection of the pool that the time-series store joins;
 * nested calls join the outer transaction; the connection goes back to the pool.
 */
class SqlWriteTogetherIT {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private TestDatabase server;
    private String name;
    private SqlDatabase db;
    private EndpointStore endpoints;
    private TimeSeriesStore series;
    private ModelEndpoint endpoint;

    private void open(TestDatabase s) throws SQLException {
        server = s;
        name = s.create();
        db = (SqlDatabase) s.open(name, Clock.systemUTC());
        endpoints = db.endpoints();
        series = db.timeSeries();
        endpoint = TestData.endpoint("p", "serving", "churn");
        endpoints.put(endpoint);
    }

    @AfterEach
    void drop() throws SQLException {
        if (db != null) {
            db.close();
            server.drop(name);
        }
    }

    private DriftUpdate drift() {
        return new DriftUpdate("p", endpoint.uid(), ResultStatus.DETECTED, Map.of("tvd_mean", 0.8),
                TestData.featureStats());
    }

    /** The controller's flush: outputs, drift, schedules. */
    private void batch(Instant end) {
        series.writeAppOutputs(List.of(new AppResult("p", endpoint.uid(), "app", end.minusSeconds(600), end,
                "general_drift", 0.8, ResultKind.DATA_DRIFT, ResultStatus.DETECTED, "{\"v\":1}")),
                List.of(new AppMetric("p", endpoint.uid(), "app", end.minusSeconds(600), end, "tvd_mean", 0.8)));
        endpoints.recordDrift(List.of(drift()));
        endpoints.setLastAnalyzed(List.of(new Schedule("p", endpoint.uid(), "app", end)));
    }

    /** Rows of each table as another connection sees them: results, metrics, drift rows detected, schedules. */
    private List<Long> committed() throws SQLException {
        try (Connection c = server.connect(name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT count(*) FROM app_results), (SELECT count(*) FROM app_metrics_latest), "
                        + "(SELECT count(*) FROM endpoint_drift WHERE drift_status = "
                        + ResultStatus.DETECTED.code() + "), (SELECT count(*) FROM monitoring_schedules)")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureAfterTheWritesRollsAllOfThemBack(TestDatabase s) throws Exception {
        open(s);
        assertThatThrownBy(() -> endpoints.writeTogether("p", () -> {
            batch(T0);
            throw new IllegalStateException("the batch fails after its writes");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("the batch fails");
        assertThat(committed()).containsExactly(0L, 0L, 0L, 0L);
        assertThat(endpoints.lastAnalyzed("p", endpoint.uid(), "app")).isEmpty();
        assertThat(endpoints.get("p", endpoint.uid())).contains(endpoint);
        assertThat(db.activeConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void successCommitsEverythingOnceVisibleFromAnotherConnection(TestDatabase s) throws Exception {
        open(s);
        List<Long> inside = endpoints.writeTogether("p", () -> {
            batch(T0);
            assertThat(series.latestResultEnds("p", List.of(endpoint.uid()))).as("reads inside join the transaction")
                    .extracting(e -> e.windowEnd()).containsExactly(T0);
            assertThat(db.activeConnections()).as("one connection for the whole batch").isEqualTo(1);
            return uncheckedCommitted();
        });
        assertThat(inside).as("nothing visible before the commit").containsExactly(0L, 0L, 0L, 0L);
        assertThat(committed()).containsExactly(1L, 1L, 1L, 1L);
        assertThat(endpoints.lastAnalyzed("p", endpoint.uid(), "app")).contains(T0);
        assertThat(endpoints.get("p", endpoint.uid())).contains(drift().applyTo(endpoint));
        assertThat(db.activeConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNestedCallJoinsTheOuterTransaction(TestDatabase s) throws Exception {
        open(s);
        endpoints.writeTogether("p", () -> {
            batch(T0);
            endpoints.writeTogether("p", () -> {
                batch(T0.plusSeconds(600));
                return null;
            });
            assertThat(uncheckedCommitted()).as("the inner call does not commit").containsExactly(0L, 0L, 0L, 0L);
            return null;
        });
        assertThat(committed()).containsExactly(2L, 1L, 1L, 1L);
        assertThat(endpoints.lastAnalyzed("p", endpoint.uid(), "app")).contains(T0.plusSeconds(600));
        assertThat(db.activeConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureCaughtInsideStillRollsTheBatchBack(TestDatabase s) throws Exception {
        open(s);
        assertThatThrownBy(() -> endpoints.writeTogether("p", () -> {
            batch(T0);
            try {
                db.write("a failing statement", c -> Jdbc.update(c, db.dialect(), "INSERT INTO no_such_table "
                        + "VALUES (1)", List.of()));
            } catch (SqlStoreException expected) {
                // a caller that swallows a store failure must not commit half a batch
            }
            return null;
        })).isInstanceOf(SqlStoreException.class).hasMessageContaining("rolled back");
        assertThatThrownBy(() -> endpoints.writeTogether("p", () -> {
            batch(T0);
            try {
                endpoints.writeTogether("p", () -> {
                    throw new IllegalStateException("the nested batch fails");
                });
            } catch (IllegalStateException expected) {
                // as above, for a nested batch
            }
            return null;
        })).isInstanceOf(SqlStoreException.class);
        assertThat(committed()).containsExactly(0L, 0L, 0L, 0L);
        assertThat(db.activeConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "POSTGRESQL")
    void postgresqlCommitsTheBatchAsynchronouslyAndOnlyThatTransaction(TestDatabase s) throws Exception {
        open(s);
        String inside = endpoints.writeTogether("p", () -> synchronousCommit());
        assertThat(inside).isEqualTo("off");
        assertThat(synchronousCommit()).as("SET LOCAL ends with the transaction").isEqualTo("on");
        assertThat(db.activeConnections()).isZero();
    }

    private String synchronousCommit() {
        return db.read("show synchronous_commit", c -> Jdbc.first(c, db.dialect(), "SHOW synchronous_commit",
                rs -> rs.getString(1), List.of()).orElseThrow());
    }

    private List<Long> uncheckedCommitted() {
        try {
            return committed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
