package io.driftwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.AppOutput;
import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringMode;
import io.driftwatch.Names;
import io.driftwatch.Result;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.apps.AppRun;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.apps.DeployedApp;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.apps.SampleFrames;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Statistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The test kit every monitoring application (built-in or user) must pass: extend it, implement {@link #createApp()},
 * and run it with JUnit 5. Each case runs the app through the real {@link ApplicationRunner} (virtual thread,
 * timeout, output validation) on generated windows: an empty window, a window without reference statistics, NaN and
 * null values, a huge feature count; outputs must have valid names and finite values, be deterministic for the same
 * input and arrive within the runner's timeout ({@link #timeout()}, default the runner's 60 s).
 * Depends on {@code driftwatch-engine:test-jar}.
 */
public abstract class MonitoringApplicationContract {
    protected static final Instant START = Instant.parse("2024-03-01T12:00:00Z");
    protected static final Window WINDOW = Window.of(START, Duration.ofMinutes(10));

    /** A fresh instance of the app under test, configured as it would be deployed. */
    protected abstract MonitoringApplication createApp() throws Exception;

    /** The app's name in the generated tasks. */
    protected String appName() {
        return "app-under-test";
    }

    /** The runner timeout the app must meet. */
    protected Duration timeout() {
        return RunnerConfig.defaults().timeout();
    }

    /** Runs the app once on the window and asserts the run succeeded with a valid output. */
    protected AppOutput runOn(ModelEndpoint endpoint, SampleFrame frame) throws Exception {
        ApplicationRunner runner = ApplicationRunner.create(new RunnerConfig(timeout()), Clock.system(ZoneOffset.UTC),
                ArtifactStores.inMemory(), EngineEventListener.none());
        var reg = new AppRegistration(endpoint.project(), appName(), createApp().getClass().getName(), null, Map.of(),
                START);
        AppRun run = runner.run(endpoint.project(), endpoint, WINDOW, () -> frame,
                List.of(new DeployedApp(reg, createApp()))).getFirst();
        assertThat(run.error()).as("app run error").isNull();
        assertValid(run.output());
        return run.output();
    }

    /** Valid names, finite values. */
    protected static void assertValid(AppOutput out) {
        assertThat(out).isNotNull();
        for (Result r : out.results()) {
            assertThat(Names.requireResultName(r.name())).isNotNull();
            assertThat(Double.isFinite(r.value())).as("result %s finite", r.name()).isTrue();
        }
        for (Metric m : out.metrics()) {
            assertThat(Names.requireResultName(m.name())).isNotNull();
            assertThat(Double.isFinite(m.value())).as("metric %s finite", m.name()).isTrue();
        }
    }

    /** An endpoint of {@code features} numeric features f0.. and label {@code prediction}, with the given reference. */
    protected static ModelEndpoint endpoint(int features, FeatureStats reference) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            names.add("f" + i);
        }
        var spec = ModelEndpoint.Spec.builder().functionUri("p/serving").model("model").modelClass("cls")
                .featureNames(names).labelNames(List.of("prediction")).monitoringMode(MonitoringMode.ENABLED)
                .active(true).build();
        var status = ModelEndpoint.Status.builder().featureStats(reference).firstRequest(START)
                .lastRequest(START.plusSeconds(600)).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata("p", "uid1", Map.of()), spec, status);
    }

    /** {@code rows} rows of f0..f{features-1} ~ N(shift, 1) and prediction ~ N(shift, 1), seeded. */
    protected static SampleFrame frame(int features, int rows, double shift, long seed) {
        Random rnd = new Random(seed);
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (int f = 0; f < features; f++) {
            List<Object> v = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                v.add(rnd.nextGaussian() + shift);
            }
            cols.put("f" + f, v);
        }
        List<Object> pred = new ArrayList<>(rows);
        List<Instant> ts = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            pred.add(rnd.nextGaussian() + shift);
            ts.add(START.plusMillis(r));
        }
        cols.put("prediction", pred);
        return SampleFrames.of(cols, ts);
    }

    /** Reference statistics (§5) of a frame. */
    protected static FeatureStats reference(SampleFrame frame) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < frame.rowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String c : frame.columnNames()) {
                row.put(c, frame.values(c).get(r));
            }
            rows.add(row);
        }
        return Statistics.reference(Frame.fromMaps(rows)).stats();
    }

    /** Windows an app must survive. */
    @Nested
    class Robustness {
        @Test
        void handlesAnEmptyWindow() throws Exception {
            FeatureStats ref = reference(frame(3, 200, 0, 1));
            runOn(endpoint(3, ref), SampleFrames.empty());
        }

        @Test
        void handlesAWindowWithoutReferenceStatistics() throws Exception {
            runOn(endpoint(3, FeatureStats.empty()), frame(3, 100, 0, 2));
        }

        @Test
        void handlesNaNAndNullValues() throws Exception {
            FeatureStats ref = reference(frame(2, 200, 0, 3));
            Map<String, List<Object>> cols = new LinkedHashMap<>();
            cols.put("f0", Arrays.asList(Double.NaN, null, 1.0, Double.POSITIVE_INFINITY));
            cols.put("f1", Arrays.asList(null, null, null, null));
            cols.put("prediction", Arrays.asList(0.5, Double.NaN, null, 0.1));
            List<Instant> ts = List.of(START, START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(3));
            runOn(endpoint(2, ref), SampleFrames.of(cols, ts));
        }

        @Test
        void handlesAHugeFeatureCountWithinTheTimeout() throws Exception {
            int features = 2_000;
            FeatureStats ref = reference(frame(features, 200, 0, 4));
            long t0 = System.nanoTime();
            runOn(endpoint(features, ref), frame(features, 500, 0.5, 5));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(timeout());
        }
    }

    /** What an app must produce. */
    @Nested
    class Results {
        @Test
        void isDeterministicForTheSameInput() throws Exception {
            FeatureStats ref = reference(frame(5, 300, 0, 6));
            ModelEndpoint ep = endpoint(5, ref);
            AppOutput a = runOn(ep, frame(5, 300, 1.0, 7));
            AppOutput b = runOn(ep, frame(5, 300, 1.0, 7));
            assertThat(b).isEqualTo(a);
        }

        @Test
        void producesValidOutputOnAShiftedWindow() throws Exception {
            FeatureStats ref = reference(frame(4, 500, 0, 8));
            runOn(endpoint(4, ref), frame(4, 500, 3.0, 9));
        }
    }
}
