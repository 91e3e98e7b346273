package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.AppOutput;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.Metric;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramDataDriftAppTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    /** MLRun's public case has a 12-row window: below the default min_rows of 100, so these tests lower it. */
    private static final Map<String, String> SMALL_WINDOWS = Map.of("min_rows", "12");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));
    private static final double[] EDGES = {-Double.MAX_VALUE, 0, 1, 2, 3, 4, Double.MAX_VALUE};
    /** One representative value per padded bin. */
    private static final double[] BIN_VALUE = {-1, 0.5, 1.5, 2.5, 3.5, 5};
    private final ArtifactStore artifacts = ArtifactStores.inMemory();
    private final EngineEventListener.Recording events = EngineEventListener.recording();

    private static NumericStats ref(double... counts) {
        return new NumericStats(100, 2, 1, 0, 1, 2, 3, 4, Histogram.of(counts, EDGES));
    }

    private static List<Object> values(int... counts) {
        List<Object> v = new ArrayList<>();
        for (int bin = 0; bin < counts.length; bin++) {
            for (int i = 0; i < counts[bin]; i++) {
                v.add(BIN_VALUE[bin]);
            }
        }
        return v;
    }

    private AppRun run(HistogramDataDriftApp app, FeatureStats reference, SampleFrame frame) {
        ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", reference, List.of("f1", "f2"), List.of("l"), T0, T0);
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), Clock.systemUTC(), artifacts, events);
        var reg = new AppRegistration("p", ApplicationRegistry.HISTOGRAM_DATA_DRIFT, app.getClass().getName(), null,
                Map.of(), T0);
        return runner.run("p", ep, W, () -> frame, List.of(new DeployedApp(reg, app))).getFirst();
    }

    private static FeatureStats mlrunReference() {
        Map<String, ColumnStats> m = new LinkedHashMap<>();
        m.put("f1", ref(0, 0, 0, 30, 70, 0));
        m.put("f2", ref(0, 45, 5, 15, 35, 0));
        m.put("l", ref(30, 0, 0, 0, 0, 70));
        return FeatureStats.of(m);
    }

    private static SampleFrame mlrunWindow() {
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        cols.put("f1", values(2, 3, 0, 3, 1, 3));
        cols.put("f2", values(0, 6, 0, 2, 1, 3));
        cols.put("l", values(10, 0, 0, 0, 0, 2));
        List<Instant> ts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ts.add(T0.plusSeconds(i));
        }
        return SampleFrames.of(cols, ts);
    }

    @Test
    void reproducesMlrunsThreeFeatureCase() throws Exception {
        AppRun run = run(new HistogramDataDriftApp(SMALL_WINDOWS), mlrunReference(), mlrunWindow());
        assertThat(run.error()).isNull();
        AppOutput out = run.output();
        assertThat(out.metrics()).extracting(Metric::name).containsExactly("hellinger_mean", "kld_mean", "tvd_mean");
        assertThat(out.metrics().get(0).value()).isCloseTo(0.512587, within(1e-6));
        assertThat(out.metrics().get(1).value()).isCloseTo(3.478898, within(1e-6));
        assertThat(out.metrics().get(2).value()).isCloseTo(0.505556, within(1e-6));
        Result r = out.results().getFirst();
        assertThat(r.name()).isEqualTo("general_drift");
        assertThat(r.kind()).isEqualTo(ResultKind.DATA_DRIFT);
        assertThat(r.value()).isCloseTo(0.509071, within(1e-6));
        assertThat(r.status()).isEqualTo(ResultStatus.POTENTIAL_DETECTION);
        assertThat(r.extraData()).containsKeys("current_stats", "drift_measures").containsEntry("drift_status", 1)
                .containsEntry("rows", 12);
        @SuppressWarnings("unchecked")
        Map<String, Object> f1 = (Map<String, Object>) ((Map<String, Object>) r.extraData().get("drift_measures")).get("f1");
        assertThat((double) f1.get("tvd")).isCloseTo(0.666667, within(1e-6));
        assertThat((double) f1.get("hellinger")).isCloseTo(0.696144, within(1e-6));
        assertThat((double) f1.get("kld")).isCloseTo(6.469979, within(1e-6));

        var json = artifacts.get(new ArtifactStore.Key("p", "ep1", "histogram-data-drift", W.end(),
                HistogramDataDriftApp.FEATURES_DRIFT_RESULTS)).orElseThrow();
        JsonNode drift = new ObjectMapper().readTree(json.content());
        assertThat(drift.get("f1").asDouble()).isCloseTo((0.666667 + 0.696144) / 2, within(1e-6));
        assertThat(drift.get("l").asDouble()).isCloseTo((0.533333 + 0.398039) / 2, within(1e-6));
    }

    @Test
    void thresholdsComeFromParamsAndAreValidated() {
        AppRun strict = run(new HistogramDataDriftApp(Map.of("potential_threshold", "0.3", "detected_threshold", "0.5", "min_rows", "12")),
                mlrunReference(), mlrunWindow());
        assertThat(strict.output().results().getFirst().status()).isEqualTo(ResultStatus.DETECTED);
        AppRun lax = run(new HistogramDataDriftApp(Map.of("potential_threshold", "0.6", "detected_threshold", "0.9", "min_rows", "12")),
                mlrunReference(), mlrunWindow());
        assertThat(lax.output().results().getFirst().status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThatThrownBy(() -> new HistogramDataDriftApp(Map.of("potential_threshold", "0.8")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistogramDataDriftApp(Map.of("detected_threshold", "high")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detected_threshold");
    }

    @Test
    void aWindowBelowMinRowsIsIrrelevantWithTheReasonAndNoArtifacts() {
        AppRun run = run(new HistogramDataDriftApp(), mlrunReference(), mlrunWindow());
        assertThat(run.error()).isNull();
        assertThat(run.output().metrics()).isEmpty();
        Result r = run.output().results().getFirst();
        assertThat(r.name()).isEqualTo("general_drift");
        assertThat(r.status()).isEqualTo(ResultStatus.IRRELEVANT);
        assertThat(r.extraData()).containsEntry("reason", "too few rows: 12 < 100").containsEntry("rows", 12)
                .containsEntry("min_rows", 100);
        assertThat(artifacts.list("p", "ep1", null)).isEmpty();
        assertThat(run(new HistogramDataDriftApp(Map.of("min_rows", "13")), mlrunReference(), mlrunWindow())
                .output().results().getFirst().extraData()).containsEntry("reason", "too few rows: 12 < 13");
        assertThat(new HistogramDataDriftApp().minRows()).isEqualTo(100);
        assertThatThrownBy(() -> new HistogramDataDriftApp(Map.of("min_rows", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_rows");
    }

    @Test
    void noReferenceStatisticsGivesNoOutputAndNoArtifacts() {
        AppRun run = run(new HistogramDataDriftApp(), FeatureStats.empty(), mlrunWindow());
        assertThat(run.error()).isNull();
        assertThat(run.output().isEmpty()).isTrue();
        assertThat(artifacts.list("p", "ep1", null)).isEmpty();
    }

    @Test
    void driftTablePageIsSelfContainedEscapedAndShowsEveryFeature() {
        Map<String, ColumnStats> ref = new LinkedHashMap<>(mlrunReference().columns());
        ref.put("<img src=x onerror=alert(1)>", ref(0, 45, 5, 15, 35, 0));
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        cols.put("f1", values(2, 3, 0, 3, 1, 3));
        cols.put("f2", values(0, 12, 0, 0, 0, 0));
        cols.put("l", values(0, 0, 0, 3, 7, 2));
        cols.put("<img src=x onerror=alert(1)>", values(0, 5, 1, 1, 5, 0));
        List<Instant> ts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ts.add(T0.plusSeconds(i));
        }
        AppRun run = run(new HistogramDataDriftApp(SMALL_WINDOWS), FeatureStats.of(ref), SampleFrames.of(cols, ts));
        assertThat(run.error()).isNull();
        String html = new String(artifacts.get(new ArtifactStore.Key("p", "ep1", "histogram-data-drift", W.end(),
                HistogramDataDriftApp.DRIFT_TABLE_PLOT)).orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("&lt;img src=x")
                .doesNotContain("<img").doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"")
                .contains(">f1<", ">f2<", ">l<", "tvd", "hellinger", "kld", "expected", "actual");
        // f1: (0.667 + 0.696) / 2 ≥ 0.7 → red; l: 0.466 → green; f2 (all mass in one reference bin of 45%) → yellow/red
        assertThat(html).contains("dot r").contains("dot g");
    }
}
