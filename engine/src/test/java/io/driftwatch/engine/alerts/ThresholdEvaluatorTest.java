package io.driftwatch.engine.alerts;

import static io.driftwatch.engine.alerts.AlertTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ProjectStore projects = MemoryStores.projectStore();
    private final EndpointStore endpoints = MemoryStores.endpointStore();
    private final TimeSeriesStore ts = MemoryStores.timeSeriesStore();
    private final RecordingNotifier console = new RecordingNotifier("console", 0);
    private final AlertEngine engine = AlertTesting.engine(AlertStores.inMemory(), projects, endpoints, ts, clock,
            console);

    @AfterEach
    void close() {
        engine.close();
    }

    /** n requests in the minute before now: latencies 10 ms, the last {@code slow} of them 900 ms. */
    private void traffic(String uid, int n, int slow, int errors) {
        List<Prediction> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Prediction("p", uid, clock.instant().minusSeconds(60).plusMillis(i), i >= n - slow
                    ? 900_000 : 10_000, 1, Map.of()));
        }
        ts.writePredictions(rows);
        List<ErrorEvent> errs = new ArrayList<>();
        for (int i = 0; i < errors; i++) {
            errs.add(new ErrorEvent("p", uid, clock.instant().minusSeconds(30), "model_error", "boom"));
        }
        ts.writeErrors(errs);
    }

    @Test
    void p99AndErrorRateBreachesRaiseOneEventPerBreach() {
        projects.createProject("p");
        for (String uid : List.of("ep1", "ep2")) {
            endpoints.put(EngineFixtures.endpoint("p", uid, null, List.of("x"), List.of("y"), T0, T0));
        }
        engine.put(config("p", "lat", "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
                + "'trigger': {'thresholds': [{'metric': 'latency_p99_ms', 'above': 500, 'window': '5m',"
                + " 'min_requests': 50}]}, 'notifications': [{'kind': 'console'}]}"));
        engine.put(config("p", "err", "{'entities': {'kind': 'model-endpoint-result', 'ids': ['ep2']},"
                + "'trigger': {'thresholds': [{'metric': 'error_rate', 'above': 0.05}]},"
                + "'notifications': [{'kind': 'console'}]}"));
        traffic("ep1", 100, 2, 0);    // p99 = 900 ms (2 of 100 slow)
        traffic("ep2", 100, 1, 10);   // p99 = 10 ms; error rate 10/110
        assertThat(engine.evaluateThresholds()).isEqualTo(2);
        assertThat(engine.evaluateThresholds()).isZero();   // still breached: no new event

        var lat = engine.activations(new ActivationQuery("p", "lat", null, null, null, 10));
        assertThat(lat).singleElement().satisfies(a -> {
            assertThat(a.endpoints()).containsExactly("ep1");
            assertThat(a.events().get(0).value()).containsEntry("metric", "latency_p99_ms")
                    .containsEntry("value", 900.0).containsEntry("requests", 100);
        });
        var err = engine.activations(new ActivationQuery("p", "err", null, null, null, 10));
        assertThat(err).singleElement().satisfies(a ->
                assertThat((Double) a.events().get(0).value().get("value")).isCloseTo(10 / 110.0,
                        org.assertj.core.data.Offset.offset(1e-9)));

        clock.advance(Duration.ofMinutes(10));   // the window is empty now: too few requests, state kept
        assertThat(engine.evaluateThresholds()).isZero();
        traffic("ep1", 100, 0, 0);               // recovered
        assertThat(engine.evaluateThresholds()).isZero();
        clock.advance(Duration.ofMinutes(10));
        traffic("ep1", 100, 5, 0);               // breached again
        assertThat(engine.evaluateThresholds()).isEqualTo(1);
        assertThat(engine.activations(new ActivationQuery("p", "lat", "ep1", null, null, 10))).hasSize(2);
    }

    @Test
    void percentilesUseNearestRank() {
        List<Prediction> ps = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            ps.add(new Prediction("p", "e", T0, i * 1000L, 1, Map.of()));
        }
        assertThat(ThresholdMetric.LATENCY_P99_MS.compute(ps, List.of())).isEqualTo(198.0);
        assertThat(ThresholdMetric.LATENCY_P50_MS.compute(ps, List.of())).isEqualTo(100.0);
        assertThat(ThresholdMetric.LATENCY_AVG_MS.compute(ps, List.of())).isEqualTo(100.5);
        assertThat(ThresholdMetric.ERROR_RATE.compute(List.of(), List.of())).isNaN();
    }
}
