package io.driftwatch.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.AppOutput;
import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.Window;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.stats.json.FeatureStatsJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringWriterTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final String DRIFT_APP = ApplicationRegistry.HISTOGRAM_DATA_DRIFT; // the writer's copy must agree
    private final TimeSeriesStore ts = MemoryStores.timeSeriesStore();
    private final EndpointStore endpoints = MemoryStores.endpointStore();
    private final EngineEventListener.Recording events = EngineEventListener.recording();
    private final MonitoringWriter writer = MonitoringWriter.create(Clock.fixed(T0.plusSeconds(9999), ZoneOffset.UTC),
            ts, endpoints, events);

    MonitoringWriterTest() {
        endpoints.put(EngineFixtures.endpoint("p", "ep1", FeatureStats.empty(), List.of("x"), List.of(), T0, T0));
    }

    private static WindowTask task(String app, int window) {
        return WindowTask.of("p", "ep1", app, Window.of(T0.plus(Duration.ofMinutes(10L * window)), Duration.ofMinutes(10)));
    }

    private static Result drift(double value, ResultStatus status) {
        Map<String, Object> currentStats = new LinkedHashMap<>();
        currentStats.put("x", Map.of("count", 3.0, "mean", 2.0, "std", 1.0, "min", 1.0, "25%", 1.5, "50%", 2.0,
                "75%", 2.5, "max", 3.0, "hist", List.of(List.of(0, 3, 0), List.of(-Double.MAX_VALUE, 0.0, 4.0,
                        Double.MAX_VALUE))));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("current_stats", currentStats);
        extra.put("drift_measures", Map.of("x", Map.of("tvd", value, "hellinger", value, "kld", 1.0), "tvd_mean", value));
        extra.put("drift_status", status.code());
        return new Result("general_drift", value, ResultKind.DATA_DRIFT, status, extra);
    }

    @Test
    void aReplayWritesNothingAndAWindowAnalysedAgainReplacesItsResultKeepingTheOld() {
        AppOutput first = AppOutput.of(List.of(drift(0.3, ResultStatus.NO_DETECTION)), List.of(new Metric("m", 1)));
        assertThat(writer.write(task(DRIFT_APP, 0), first)).isEqualTo(2);
        assertThat(writer.write(task(DRIFT_APP, 0), first)).as("a replay").isZero();
        AppOutput again = AppOutput.of(List.of(drift(0.8, ResultStatus.DETECTED)), List.of(new Metric("m", 1)));
        assertThat(writer.write(task(DRIFT_APP, 0), again)).as("the result changed, the metric did not").isEqualTo(1);
        Instant end = T0.plus(Duration.ofDays(1));
        assertThat(ts.appResults("p", "ep1", DRIFT_APP, "general_drift", T0, end)).extracting(AppResult::value)
                .containsExactly(0.8);
        assertThat(ts.appResultHistory("p", "ep1", DRIFT_APP, "general_drift", T0, end)).extracting(AppResult::value)
                .containsExactly(0.3, 0.8);
    }

    @Test
    void writesHistoryPatchesTheEndpointAndRaisesDriftEvents() {
        assertThat(writer.write(task(DRIFT_APP, 0), AppOutput.of(List.of(drift(0.8, ResultStatus.DETECTED)),
                List.of(new Metric("tvd_mean", 0.8))))).isEqualTo(2);
        assertThat(writer.write(task(DRIFT_APP, 1), AppOutput.of(List.of(drift(0.55, ResultStatus.POTENTIAL_DETECTION)),
                List.of(new Metric("tvd_mean", 0.55))))).isEqualTo(2);
        assertThat(ts.appResults("p", "ep1", DRIFT_APP, "general_drift", T0, T0.plus(Duration.ofDays(1))))
                .extracting(AppResult::value).containsExactly(0.8, 0.55);
        assertThat(ts.latestAppResults("p", "ep1")).extracting(AppResult::value).containsExactly(0.55);
        assertThat(ts.latestAppMetrics("p", "ep1")).hasSize(1);
        assertThat(ts.appResults("p", "ep1", DRIFT_APP, null, T0, T0.plus(Duration.ofDays(1))).getFirst().extraDataJson())
                .contains("\"drift_status\":2").contains("current_stats");

        ModelEndpoint ep = endpoints.get("p", "ep1").orElseThrow();
        assertThat(ep.status().driftStatus()).isEqualTo(ResultStatus.POTENTIAL_DETECTION);
        assertThat(ep.status().driftMeasures()).containsEntry("tvd_mean", 0.55);
        assertThat(ep.status().currentStats().names()).containsExactly("x");
        assertThat(FeatureStatsJson.toMap(ep.status().currentStats())).containsKey("x");

        assertThat(events.events()).extracting(EngineEvent::kind)
                .containsExactly("data-drift-detected", "data-drift-suspected");
        EngineEvent e = events.events().getFirst();
        assertThat(e.entityKind()).isEqualTo(EngineEvent.ENTITY_RESULT);
        assertThat(e.entityId()).isEqualTo("ep1.histogram-data-drift.result.general_drift");
        assertThat(e.value()).containsEntry("app_name", DRIFT_APP).containsEntry("model", "model")
                .containsEntry("model_endpoint_id", "ep1").containsEntry("result_value", 0.8);
    }

    @Test
    void rewritingAWindowAddsNothingAndRaisesNothing() {
        AppOutput out = AppOutput.of(List.of(drift(0.9, ResultStatus.DETECTED)), List.of(new Metric("m", 1)));
        writer.write(task(DRIFT_APP, 0), out);
        assertThat(writer.write(task(DRIFT_APP, 0), out)).isZero();
        assertThat(ts.appResults("p", "ep1", null, null, T0, T0.plus(Duration.ofDays(1)))).hasSize(1);
        assertThat(ts.appMetrics("p", "ep1", null, null, T0, T0.plus(Duration.ofDays(1)))).hasSize(1);
        assertThat(events.events()).hasSize(1);
    }

    @Test
    void anOlderWindowDoesNotMoveTheEndpointBackAndOtherAppsDoNotPatchIt() {
        writer.write(task(DRIFT_APP, 5), AppOutput.of(drift(0.1, ResultStatus.NO_DETECTION)));
        writer.write(task(DRIFT_APP, 2), AppOutput.of(drift(0.9, ResultStatus.DETECTED)));
        assertThat(endpoints.get("p", "ep1").orElseThrow().status().driftStatus()).isEqualTo(ResultStatus.NO_DETECTION);
        writer.write(task("my-app", 6), AppOutput.of(new Result("general_drift", 0.99, ResultKind.CONCEPT_DRIFT,
                ResultStatus.DETECTED)));
        assertThat(endpoints.get("p", "ep1").orElseThrow().status().driftStatus()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThat(events.events()).extracting(EngineEvent::kind)
                .containsExactly("data-drift-detected", "concept-drift-detected");
    }
}
