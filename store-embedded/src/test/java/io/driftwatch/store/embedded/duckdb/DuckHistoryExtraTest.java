package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.EndpointStore.StatsSource;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.stats.json.FeatureStatsJson;
import io.driftwatch.testkit.TestData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A window's statistics stored once (schema version 6, {@link HistoryExtra}): a large extra_data only in the history
 * row, the latest row and the endpoint's drift row referencing it, every read answering as if they held copies.
 */
class DuckHistoryExtraTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private DuckDatabase db;
    private EndpointStore endpoints;
    private TimeSeriesStore series;
    private ModelEndpoint endpoint;

    @BeforeEach
    void open() throws Exception {
        db = (DuckDatabase) DuckStores.open(DuckStores.newDir());
        endpoints = db.endpoints();
        series = db.timeSeries();
        endpoint = TestData.endpoint("p", "serving", "churn");
        endpoints.put(endpoint);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A general_drift result whose extra_data (> 2 KB) holds the test statistics as current_stats. */
    private AppResult generalDrift(Instant end, double value) throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("current_stats", FeatureStatsJson.toMap(TestData.featureStats()));
        extra.put("drift_measures", Map.of("tvd_mean", value));
        extra.put("note", "x".repeat(HistoryExtra.INLINE_LIMIT));
        return new AppResult("p", endpoint.uid(), "histogram-data-drift", end.minusSeconds(600), end, "general_drift",
                value, ResultKind.DATA_DRIFT, ResultStatus.DETECTED, Sql.JSON.writeValueAsString(extra));
    }

    private DriftUpdate drift(Instant end, double value) {
        return new DriftUpdate("p", endpoint.uid(), ResultStatus.DETECTED, Map.of("tvd_mean", value),
                TestData.featureStats(), new StatsSource("histogram-data-drift", "general_drift", end));
    }

    private void writeTogether(AppResult r, DriftUpdate d) {
        endpoints.writeTogether("p", () -> {
            series.writeAppOutputs(List.of(r), List.of());
            endpoints.recordDrift(List.of(d));
            return null;
        });
    }

    /** "extra_data|extra_seq|current_stats|stats_seq" as NULL or not, from the keyed tables. */
    private String stored() {
        return db.read("keyed rows", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT extra_data IS NULL"
                    + " FROM app_results_latest), (SELECT extra_seq IS NULL FROM app_results_latest),"
                    + " (SELECT current_stats IS NULL FROM endpoint_drift), (SELECT stats_seq IS NULL FROM"
                    + " endpoint_drift)")) {
                rs.next();
                return (rs.getBoolean(1) ? "-" : "copy") + "|" + (rs.getBoolean(2) ? "-" : "ref") + "|"
                        + (rs.getBoolean(3) ? "-" : "copy") + "|" + (rs.getBoolean(4) ? "-" : "ref");
            }
        });
    }

    @Test
    void theLargeExtraDataAndTheStatisticsAreStoredOnceAndReadAsBefore() throws Exception {
        AppResult r = generalDrift(T0, 0.8);
        DriftUpdate d = drift(T0, 0.8);
        writeTogether(r, d);
        assertThat(stored()).isEqualTo("-|ref|-|ref");
        ModelEndpoint expected = d.applyTo(endpoint);
        assertThat(series.latestAppResults("p", endpoint.uid())).containsExactly(r);
        assertThat(series.latestAppResults("p", List.of(endpoint.uid(), "other"))).containsExactly(r);
        assertThat(endpoints.get("p", endpoint.uid())).contains(expected);
        assertThat(endpoints.getAll("p", List.of(endpoint.uid()))).containsEntry(endpoint.uid(), expected);
        assertThat(endpoints.list("p", EndpointFilter.ALL)).containsExactly(expected);
        assertThat(endpoints.update("p", endpoint.uid(), e -> e)).contains(expected);
    }

    @Test
    void aSmallExtraDataAndStatisticsWithoutTheirResultInTheTransactionAreCopies() throws Exception {
        AppResult small = new AppResult("p", endpoint.uid(), "app", T0.minusSeconds(600), T0, "r", 0.5,
                ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, "{\"v\":1}");
        DriftUpdate other = drift(T0.plusSeconds(600), 0.3); // names a window this transaction did not write
        writeTogether(small, other);
        assertThat(stored()).isEqualTo("copy|-|copy|-");
        assertThat(series.latestAppResults("p", endpoint.uid())).containsExactly(small);
        assertThat(endpoints.get("p", endpoint.uid())).contains(other.applyTo(endpoint));
        endpoints.recordDrift(List.of(drift(T0, 0.4))); // outside writeTogether: nothing to reference
        assertThat(endpoints.get("p", endpoint.uid())).contains(drift(T0, 0.4).applyTo(endpoint));
    }

    @Test
    void statisticsOfAnExpiringWindowAreCopiedBeforeItsHistoryRowGoes() throws Exception {
        DriftUpdate d = drift(T0, 0.8);
        writeTogether(generalDrift(T0, 0.8), d);
        series.deleteOlderThan(T0.plusSeconds(1));
        assertThat(series.latestAppResults("p", endpoint.uid())).isEmpty();
        assertThat(endpoints.get("p", endpoint.uid())).as("the endpoint keeps its last statistics")
                .contains(d.applyTo(endpoint));
        assertThat(stored()).endsWith("copy|-");
    }
}
