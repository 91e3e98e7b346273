package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.FeatureStats;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's batched DuckDB path (issue 17): app outputs appended with their {@code row_seq} block and the latest
 * rows upserted through the staging tables, and {@link EndpointStore#writeTogether} committing a batch's outputs,
 * drift and schedules once, all or nothing.
 */
class DuckWriteTogetherTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private DuckDatabase db;
    private EndpointStore endpoints;
    private TimeSeriesStore series;

    @BeforeEach
    void open() throws Exception {
        db = (DuckDatabase) DuckStores.open(DuckStores.newDir());
        endpoints = db.endpoints();
        series = db.timeSeries();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static AppResult result(String uid, String name, Instant end, double value) {
        return new AppResult("p", uid, "app", end.minusSeconds(600), end, name, value, ResultKind.DATA_DRIFT,
                ResultStatus.NO_DETECTION, value > 0.5 ? null : "{\"v\":" + value + "}");
    }

    private static AppMetric metric(String uid, Instant end, double value) {
        return new AppMetric("p", uid, "app", end.minusSeconds(600), end, "tvd_mean", value);
    }

    /** (table, uid, name, value) per history row by seq, with the seq's offset from the first. */
    private List<String> history() {
        return db.read("history", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t, uid, name, value,"
                    + " seq - min(seq) OVER () FROM (SELECT 'r' t, uid, name, value, seq FROM app_results UNION ALL"
                    + " SELECT 'm', uid, name, value, seq FROM app_metrics) ORDER BY seq")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getDouble(4)
                            + " " + rs.getLong(5));
                }
            }
            return out;
        });
    }

    @Test
    void outputsGetOneAscendingSeqBlockResultsFirstAndTheLatestRowsByKey() {
        AppResult older = result("u1", "r", T0, 0.25);
        AppResult newer = result("u1", "r", T0.plusSeconds(600), 0.75);
        AppResult tieFirst = result("u2", "r", T0, 0.1);
        AppResult tieLast = result("u2", "r", T0, 0.2);
        series.writeAppOutputs(List.of(newer, older, tieFirst, tieLast), List.of(metric("u1", T0, 0.5)));
        assertThat(history()).containsExactly("r u1 r 0.75 0", "r u1 r 0.25 1", "r u2 r 0.1 2", "r u2 r 0.2 3",
                "m u1 tvd_mean 0.5 4");
        assertThat(series.latestAppResults("p", "u1")).as("an older window never replaces a newer one")
                .containsExactly(newer);
        assertThat(series.latestAppResults("p", "u2")).as("a tie: the later row").containsExactly(tieLast);
        AppResult reanalysed = result("u1", "r", T0.plusSeconds(600), 0.9);
        series.writeAppOutputs(List.of(reanalysed, result("u1", "r", T0, 0.3)), List.of());
        assertThat(series.latestAppResults("p", "u1")).as("a re-analysed window replaces its own latest row")
                .containsExactly(reanalysed);
        assertThat(series.latestAppMetrics("p", "u1")).containsExactly(metric("u1", T0, 0.5));
        assertThat(stagedRows()).as("the stages are emptied in the transaction").isZero();
    }

    private long stagedRows() {
        long n = 0;
        for (int i = 0; i < 8; i++) { // more than the pool's connections: each has its own stages
            n += db.read("stages", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM"
                        + " temp.main.stage_results) + (SELECT count(*) FROM temp.main.stage_metrics) + (SELECT"
                        + " count(*) FROM temp.main.stage_drift) + (SELECT count(*) FROM temp.main.stage_schedules)")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
        return n;
    }

    @Test
    void writeTogetherCommitsOutputsDriftAndSchedulesOnceAllOrNothing() {
        ModelEndpoint e = TestData.endpoint("p", "serving", "churn");
        endpoints.put(e);
        DriftUpdate drift = new DriftUpdate("p", e.uid(), ResultStatus.DETECTED, Map.of("tvd_mean", 0.8),
                TestData.featureStats());
        Runnable batch = () -> {
            series.writeAppOutputs(List.of(result(e.uid(), "general_drift", T0, 0.8)), List.of(metric(e.uid(), T0, 1)));
            endpoints.recordDrift(List.of(drift, new DriftUpdate("p", "gone", ResultStatus.DETECTED, Map.of(),
                    FeatureStats.empty())));
            endpoints.setLastAnalyzed(List.of(new Schedule("p", e.uid(), "app", T0)));
            assertThat(series.latestAppResults("p", e.uid())).as("reads see committed data only").isEmpty();
        };
        assertThatThrownBy(() -> endpoints.writeTogether("p", () -> {
            batch.run();
            throw new IllegalStateException("the batch fails after its writes");
        })).hasMessageContaining("the batch fails");
        assertThat(history()).isEmpty();
        assertThat(endpoints.lastAnalyzed("p", e.uid(), "app")).isEmpty();
        assertThat(endpoints.get("p", e.uid())).contains(e);
        assertThat(stagedRows()).isZero();

        endpoints.writeTogether("p", () -> {
            batch.run();
            return null;
        });
        assertThat(history()).hasSize(2);
        assertThat(endpoints.lastAnalyzed("p", e.uid(), "app")).contains(T0);
        assertThat(endpoints.get("p", e.uid())).contains(drift.applyTo(e));
        assertThat(endpoints.get("p", "gone")).as("a drift row of a missing endpoint is dropped").isEmpty();
        long driftRows = db.read("drift rows", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM endpoint_drift")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(driftRows).isEqualTo(1);
        assertThat(stagedRows()).isZero();
    }
}
