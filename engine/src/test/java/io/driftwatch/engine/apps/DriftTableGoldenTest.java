package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Window;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.stats.CategoricalColumn;
import io.driftwatch.stats.Column;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifacts of {@code histogram-data-drift} — {@code features_drift_results} and the {@code drift_table_plot}
 * page — stored through the file-system store and read back, byte for byte against golden files written by the code
 * before issue 17's faster page and artifact writes (main efceaba): features of every magnitude (numbers written as
 * {@code %.4f} and {@code %.4g}), a categorical feature and one the window lacks. {@code -Dgolden.update=true}
 * rewrites the files (only after a deliberate change of the page).
 */
class DriftTableGoldenTest {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));
    private static final String APP = ApplicationRegistry.HISTOGRAM_DATA_DRIFT;

    @TempDir
    Path data;

    @Test
    void storedArtifactsEqualTheGoldenFiles() throws IOException {
        ArtifactStore store = ArtifactStores.fileSystem(data);
        FeatureStats ref = reference();
        ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", ref, List.copyOf(ref.columns().keySet()), List.of(),
                T0, T0);
        var runner = ApplicationRunner.create(RunnerConfig.defaults(), Clock.systemUTC(), store,
                EngineEventListener.none());
        var reg = new AppRegistration("p", APP, HistogramDataDriftApp.class.getName(), null, Map.of(), T0);
        AppRun run = runner.run("p", ep, W, () -> SampleFrames.of(window(), timestamps()),
                List.of(new DeployedApp(reg, new HistogramDataDriftApp()))).getFirst();
        assertThat(run.error()).isNull();
        assertThat(store.list("p", "ep1", null)).extracting(ArtifactStore.Key::name)
                .containsExactly(HistogramDataDriftApp.DRIFT_TABLE_PLOT, HistogramDataDriftApp.FEATURES_DRIFT_RESULTS);
        assertGolden(store, HistogramDataDriftApp.DRIFT_TABLE_PLOT, "drift_table_plot.html",
                "text/html; charset=utf-8");
        assertGolden(store, HistogramDataDriftApp.FEATURES_DRIFT_RESULTS, "features_drift_results.json",
                "application/json");
    }

    private static void assertGolden(ArtifactStore store, String name, String file, String type) throws IOException {
        ArtifactStore.Artifact a = store.get(new ArtifactStore.Key("p", "ep1", APP, W.end(), name)).orElseThrow();
        assertThat(a.contentType()).isEqualTo(type);
        Path golden = DIR.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(golden, a.content());
            return;
        }
        assertThat(new String(a.content(), StandardCharsets.UTF_8)).as("golden %s", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(a.content()).isEqualTo(Files.readAllBytes(golden));
    }

    /** Scales from 1e-4 to 1e7, so the page writes both of its number forms; a categorical feature; a missing one. */
    private static FeatureStats reference() {
        SplittableRandom rnd = new SplittableRandom(17);
        Map<String, Column> cols = new LinkedHashMap<>();
        double[] scales = {1, 1e-4, 300, 5e6, 0.02};
        for (int f = 0; f < scales.length; f++) {
            double[] v = new double[2_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = f * scales[f] + scales[f] * gaussian(rnd);
            }
            cols.put("f" + f, NumericColumn.of(v));
        }
        double[] missing = new double[2_000];
        for (int i = 0; i < missing.length; i++) {
            missing[i] = i % 7 * 0.25;
        }
        cols.put("missing", NumericColumn.of(missing));
        String[] c = new String[2_000];
        for (int i = 0; i < c.length; i++) {
            c[i] = "cat" + rnd.nextInt(6);
        }
        cols.put("c", CategoricalColumn.of(c));
        return Statistics.reference(Frame.of(cols)).stats();
    }

    /** The window: the reference's distributions, some shifted. */
    private static Map<String, List<Object>> window() {
        SplittableRandom rnd = new SplittableRandom(23);
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        double[] scales = {1, 1e-4, 300, 5e6, 0.02};
        for (int f = 0; f < scales.length; f++) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                v.add(f * scales[f] + scales[f] * (gaussian(rnd) + (f % 2 == 0 ? 0.4 : 0)));
            }
            cols.put("f" + f, v);
        }
        List<Object> c = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            c.add("cat" + rnd.nextInt(i % 3 == 0 ? 8 : 6));
        }
        cols.put("c", c);
        return cols;
    }

    private static List<Instant> timestamps() {
        List<Instant> ts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ts.add(T0.plusSeconds(i));
        }
        return ts;
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
