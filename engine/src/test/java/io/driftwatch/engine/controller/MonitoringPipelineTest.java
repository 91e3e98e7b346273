package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.apps.examples.PredictionMeanShiftApp;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.BasePeriod;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.writer.MonitoringWriter;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Controller → registry → runner → writer over the in-memory stores. */
class MonitoringPipelineTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    private final ProjectStore projects = MemoryStores.projectStore();
    private final EndpointStore endpoints = MemoryStores.endpointStore();
    private final SampleStore samples = MemoryStores.sampleStore();
    private final TimeSeriesStore ts = MemoryStores.timeSeriesStore();
    private final ArtifactStore artifacts = ArtifactStores.inMemory();
    private final EngineEventListener.Recording events = EngineEventListener.recording();
    private long offset;

    private void rows(Instant from, int n, double shift, long seed) {
        Random rnd = new Random(seed);
        List<SampleRow> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new SampleRow("p", "ep1", from.plusSeconds(i), "r" + offset + "-" + i, 100,
                    Map.of("x", rnd.nextGaussian() + shift, "prediction", rnd.nextGaussian() + shift), Map.of()));
        }
        offset += n;
        samples.write(batch, offset);
    }

    @Test
    void runOnceAnalysesWritesResultsArtifactsAndDriftStatus() {
        projects.createProject("p");
        projects.putMonitoringSettings(new MonitoringSettings("p", true, BasePeriod.parse("10"), Map.of()));
        ApplicationRegistry registry = ApplicationRegistry.create(projects, clock, null);
        registry.deployDefaults("p", true);
        registry.register("p", "mean-shift", PredictionMeanShiftApp.class.getName(), null, Map.of());

        Random rnd = new Random(1);
        double[] x = new double[2000];
        double[] y = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = rnd.nextGaussian();
        }
        FeatureStats ref = Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(x),
                "prediction", NumericColumn.of(y)))).stats();
        rows(T0, 300, 0, 2);                                   // window 1: like training
        rows(T0.plus(Duration.ofMinutes(10)), 300, 4, 3);      // window 2: shifted
        endpoints.put(EngineFixtures.endpoint("p", "ep1", ref, List.of("x"), List.of("prediction"), T0,
                T0.plus(Duration.ofMinutes(21))));

        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), clock, artifacts, events);
        MonitoringWriter writer = MonitoringWriter.create(clock, ts, endpoints, events);
        MonitoringController controller = MonitoringController.create(ControllerConfig.defaults(), clock, projects,
                endpoints, samples, registry, WindowHandlers.runAndWrite(registry, runner, writer, events, clock));

        assertThat(controller.runOnce()).isEqualTo(4);
        List<AppResult> drift = ts.appResults("p", "ep1", "histogram-data-drift", "general_drift", T0,
                T0.plus(Duration.ofDays(1)));
        assertThat(drift).extracting(AppResult::status).containsExactly(ResultStatus.NO_DETECTION, ResultStatus.DETECTED);
        assertThat(ts.appResults("p", "ep1", "mean-shift", null, T0, T0.plus(Duration.ofDays(1)))).hasSize(2);
        assertThat(endpoints.get("p", "ep1").orElseThrow().status().driftStatus()).isEqualTo(ResultStatus.DETECTED);
        assertThat(artifacts.list("p", "ep1", "histogram-data-drift"))
                .extracting(ArtifactStore.Key::name)
                .containsExactly("drift_table_plot", "features_drift_results", "drift_table_plot", "features_drift_results");
        assertThat(events.events()).extracting(EngineEvent::kind)
                .contains("data-drift-detected", "model-performance-detected").doesNotContain(EngineEvent.APP_FAILED);
        assertThat(controller.runOnce()).isZero();
        assertThat(ts.appResults("p", "ep1", null, null, T0, T0.plus(Duration.ofDays(1)))).hasSize(4);
    }
}
