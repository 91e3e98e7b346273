package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.Window;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift-tests app against SciPy: fixtures/drift-tests-app.json, written by
 * {@code engine/src/test/python/gen_drift_tests_app.py}; statistics and p-values equal to 1e-9.
 */
class DriftTestsAppTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));
    private static final double TOLERANCE = 1e-9;

    static JsonNode fixture() throws IOException {
        try (InputStream in = DriftTestsAppTest.class.getResourceAsStream("/fixtures/drift-tests-app.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static AppRun run(DriftTestsApp app, FeatureStats reference, Map<String, List<Object>> columns) {
        ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", reference, List.copyOf(columns.keySet()), List.of(), T0, T0);
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), Clock.systemUTC(),
                ArtifactStores.inMemory(), EngineEventListener.recording());
        int rows = columns.values().iterator().next().size();
        List<Instant> ts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ts.add(T0.plusMillis(i));
        }
        var reg = new AppRegistration("p", ApplicationRegistry.DRIFT_TESTS, DriftTestsApp.class.getName(), null,
                Map.of(), T0);
        return runner.run("p", ep, W, () -> SampleFrames.of(columns, ts), List.of(new DeployedApp(reg, app)))
                .getFirst();
    }

    private static FeatureStats reference(JsonNode f) {
        Map<String, ColumnStats> m = new LinkedHashMap<>();
        f.path("hist").properties().forEach(e -> {
            double[] counts = doubles(e.getValue().path("counts"));
            double[] edges = doubles(e.getValue().path("edges"));
            long n = (long) Arrays.stream(counts).sum();
            m.put(e.getKey(), new NumericStats(n, 0, 1, edges[0], 0, 0, 0, edges[edges.length - 1],
                    Histogram.of(counts, edges)));
        });
        Map<String, Long> colours = new LinkedHashMap<>();
        f.path("colour").path("reference").properties().forEach(e -> colours.put(e.getKey(), e.getValue().asLong()));
        m.put("colour", new CategoricalStats(300, 3, "red", 120, colours));
        return FeatureStats.of(m);
    }

    private static Map<String, List<Object>> window(JsonNode f) {
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        f.path("window").properties().forEach(e -> {
            List<Object> v = new ArrayList<>();
            e.getValue().forEach(x -> v.add(x.asDouble()));
            cols.put(e.getKey(), v);
        });
        List<Object> colour = new ArrayList<>();
        f.path("colour").path("window").forEach(x -> colour.add(x.asText()));
        cols.put("colour", colour);
        return cols;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    @Test
    void everyTestOfEveryFeatureEqualsScipy() throws IOException {
        JsonNode f = fixture();
        AppRun run = run(new DriftTestsApp(), reference(f), window(f));
        assertThat(run.error()).isNull();
        List<Result> results = run.output().results();
        assertThat(results).extracting(Result::name)
                .containsExactly("x_norm", "x_unif", "x_stable", "colour", DriftTestsApp.DRIFTED_FEATURES_SHARE);
        assertThat(results).allSatisfy(r -> assertThat(r.kind()).isEqualTo(ResultKind.DATA_DRIFT));
        for (Result r : results.subList(0, 4)) {
            JsonNode want = f.path("features").path(r.name());
            assertThat(r.value()).as(r.name()).isCloseTo(want.path("share").asDouble(), within(TOLERANCE));
            assertThat(r.status().code()).as(r.name()).isEqualTo(want.path("status").asInt());
            assertThat(r.extraData()).containsEntry("rows", 150).containsEntry("type", want.path("type").asText());
            assertTests(r.name(), (Map<?, ?>) r.extraData().get("tests"), want.path("tests"));
        }
        Result overall = results.getLast();
        assertThat(overall.value()).isCloseTo(f.path("drifted_features_share").asDouble(), within(TOLERANCE));
        assertThat(overall.status()).isEqualTo(ResultStatus.DETECTED);
        assertThat(overall.extraData()).containsEntry("rows", 150);
    }

    private static void assertTests(String feature, Map<?, ?> got, JsonNode want) {
        List<String> names = new ArrayList<>();
        want.fieldNames().forEachRemaining(names::add);
        assertThat(got.keySet().stream().map(String::valueOf).toList()).as(feature)
                .containsExactlyInAnyOrderElementsOf(names);
        want.properties().forEach(e -> {
            Map<?, ?> t = (Map<?, ?>) got.get(e.getKey());
            String what = feature + " " + e.getKey();
            assertThat((Double) t.get("statistic")).as(what).isCloseTo(e.getValue().path("statistic").asDouble(),
                    within(TOLERANCE));
            if (e.getValue().has("p_value")) {
                assertThat((Double) t.get("p_value")).as(what + " p").isCloseTo(e.getValue().path("p_value")
                        .asDouble(), within(TOLERANCE));
            }
            assertThat(t.get("status")).as(what + " status").isEqualTo(e.getValue().path("status").asInt());
        });
    }

    @Test
    void aSmallWindowIsIrrelevantAndThresholdsAreParams() throws IOException {
        JsonNode f = fixture();
        Map<String, List<Object>> five = new LinkedHashMap<>();
        window(f).forEach((k, v) -> five.put(k, v.subList(0, 5)));
        Result r = run(new DriftTestsApp(), reference(f), five).output().results().getFirst();
        assertThat(r.name()).isEqualTo(DriftTestsApp.DRIFTED_FEATURES_SHARE);
        assertThat(r.status()).isEqualTo(ResultStatus.IRRELEVANT);
        assertThat(r.extraData()).containsEntry("reason", "too few rows: 5 < 100").containsEntry("rows", 5);
        Result lax = run(new DriftTestsApp(Map.of("ks_alpha", "1e-12", "wasserstein_threshold", "5",
                "psi_potential", "4", "psi_detected", "5", "jensen_shannon_threshold", "0.9")), reference(f), window(f))
                .output().results().getFirst();
        assertThat(lax.status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThatThrownBy(() -> new DriftTestsApp(Map.of("ks_alpha", "often")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ks_alpha");
        assertThatThrownBy(() -> new DriftTestsApp(Map.of("drift_share", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drift_share");
        assertThat(DriftTestsApp.resultName("9 lives.x")).isEqualTo("_9_lives_x");
    }
}
