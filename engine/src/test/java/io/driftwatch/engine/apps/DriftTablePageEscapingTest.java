package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drift table artifact shows feature names and categorical values from data as text, never as markup. */
class DriftTablePageEscapingTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));
    private static final String IMG = "<img src=x onerror=window.__xss=1>";
    private static final String SCRIPT = "<script>window.__xss=1</script>";
    private static final double[] EDGES = {-Double.MAX_VALUE, 0, 1, 2, Double.MAX_VALUE};

    @Test
    void featureNamesAndCategoricalValuesAreEscaped() {
        ArtifactStore artifacts = ArtifactStores.inMemory();
        Map<String, ColumnStats> ref = new LinkedHashMap<>();
        ref.put(IMG, new NumericStats(100, 1, 0.5, 0, 0.5, 1, 1.5, 2, Histogram.of(new double[] {0, 50, 50, 0}, EDGES)));
        ref.put(SCRIPT, new CategoricalStats(100, 2, SCRIPT, 60, Map.of(SCRIPT, 60L, "a&b\"'", 40L)));
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        List<Object> nums = new ArrayList<>();
        List<Object> cats = new ArrayList<>();
        List<Instant> ts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nums.add(i % 2 == 0 ? 0.5 : 1.5);
            cats.add(i % 3 == 0 ? "a&b\"'" : SCRIPT);
            ts.add(T0.plusSeconds(i));
        }
        cols.put(IMG, nums);
        cols.put(SCRIPT, cats);
        SampleFrame frame = SampleFrames.of(cols, ts);
        ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", FeatureStats.of(ref), List.of(IMG, SCRIPT), List.of(),
                T0, T0);
        var app = new HistogramDataDriftApp(Map.of("min_rows", "10"));
        var reg = new AppRegistration("p", ApplicationRegistry.HISTOGRAM_DATA_DRIFT, app.getClass().getName(), null,
                Map.of(), T0);
        ApplicationRunner.create(RunnerConfig.defaults(), Clock.systemUTC(), artifacts, EngineEventListener.recording())
                .run("p", ep, W, () -> frame, List.of(new DeployedApp(reg, app)));

        String html = new String(artifacts.get(new ArtifactStore.Key("p", "ep1", ApplicationRegistry.HISTOGRAM_DATA_DRIFT,
                W.end(), HistogramDataDriftApp.DRIFT_TABLE_PLOT)).orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<img", "<script").contains(
                "&lt;img src=x onerror=window.__xss=1&gt;", "&lt;script&gt;window.__xss=1&lt;/script&gt;");
        assertThat(DriftTablePage.esc("a&b\"'<>")).isEqualTo("a&amp;b&quot;&#39;&lt;&gt;");
    }
}
