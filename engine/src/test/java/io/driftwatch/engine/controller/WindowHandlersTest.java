package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.apps.DeployedApp;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.apps.SampleFrames;
import io.driftwatch.engine.apps.examples.PredictionMeanShiftApp;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.BasePeriod;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.writer.MonitoringWriter;
import io.driftwatch.engine.writer.WindowTask;
import io.driftwatch.FeatureStats;
import io.driftwatch.SampleFrame;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-process window handler resolves each app once per batch of endpoints, not once per window. */
class WindowHandlersTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    private final ProjectStore projects = MemoryStores.projectStore();
    private final EndpointStore endpoints = MemoryStores.endpointStore();
    private final TimeSeriesStore ts = MemoryStores.timeSeriesStore();
    private final EngineEventListener.Recording events = EngineEventListener.recording();
    private final AtomicInteger resolutions = new AtomicInteger();

    @Test
    void eachAppIsResolvedOncePerBatchAndARemovedAppIsSeenByTheNextBatch() {
        projects.createProject("p");
        projects.putMonitoringSettings(new MonitoringSettings("p", true, BasePeriod.parse("10"), Map.of()));
        ApplicationRegistry registry = counting(ApplicationRegistry.create(projects, clock, null));
        registry.register("p", "shift-a", PredictionMeanShiftApp.class.getName(), null, Map.of());
        registry.register("p", "shift-b", PredictionMeanShiftApp.class.getName(), null, Map.of());
        WindowHandler handler = WindowHandlers.runAndWrite(registry,
                ApplicationRunner.create(RunnerConfig.defaults(), clock, ArtifactStores.inMemory(), events),
                MonitoringWriter.create(clock, ts, endpoints, events), events, clock);

        WindowHandler.Batch first = handler.batch();
        for (int i = 0; i < 5; i++) {
            handle(first, "ep" + i);
        }
        first.flush();
        assertThat(resolutions).as("two apps, five endpoints, one batch").hasValue(2);
        assertThat(ts.latestAppResults("p", "ep4")).extracting(r -> r.application())
                .containsExactlyInAnyOrder("shift-a", "shift-b");

        registry.remove("p", "shift-b");
        WindowHandler.Batch second = handler.batch();
        handle(second, "ep5");
        handle(second, "ep6");
        second.flush();
        assertThat(resolutions).hasValue(4);
        assertThat(ts.latestAppResults("p", "ep6")).extracting(r -> r.application()).containsExactly("shift-a");
        assertThat(events.events()).filteredOn(e -> e.toString().contains("no longer registered")).hasSize(2);
    }

    private void handle(WindowHandler.Batch batch, String uid) {
        FeatureStats ref = Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(new double[] {1, 2, 3, 4}),
                "prediction", NumericColumn.of(new double[] {0.1, 0.2, 0.3, 0.4})))).stats();
        ModelEndpoint ep = EngineFixtures.endpoint("p", uid, ref, List.of("x"), List.of("prediction"), T0,
                T0.plus(Duration.ofMinutes(20)));
        endpoints.put(ep);
        SampleFrame frame = SampleFrames.of(Map.of("x", List.of(1.0, 2.0, 3.0), "prediction", List.of(0.5, 0.6, 0.7)),
                List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2)));
        Instant end = T0.plus(Duration.ofMinutes(10));
        batch.handle(ep, frame, List.of(task(uid, "shift-a", end), task(uid, "shift-b", end)));
    }

    private static WindowTask task(String uid, String app, Instant end) {
        return new WindowTask("p", uid, app, T0, end, WindowTask.IN_PROCESS_WRITER);
    }

    /** The registry, counting its resolutions. */
    private ApplicationRegistry counting(ApplicationRegistry r) {
        return new ApplicationRegistry() {
            @Override
            public AppRegistration register(String project, String name, String className, String jar,
                                            Map<String, String> params) {
                return r.register(project, name, className, jar, params);
            }

            @Override
            public AppRegistration validate(String project, String name, String className, String jar,
                                            Map<String, String> params) {
                return r.validate(project, name, className, jar, params);
            }

            @Override
            public void deployDefaults(String project, boolean histogramDataDrift) {
                r.deployDefaults(project, histogramDataDrift);
            }

            @Override
            public List<AppRegistration> list(String project) {
                return r.list(project);
            }

            @Override
            public List<String> applicationNames(String project) {
                return r.applicationNames(project);
            }

            @Override
            public boolean remove(String project, String name) {
                return r.remove(project, name);
            }

            @Override
            public Optional<DeployedApp> resolve(String project, String name) {
                resolutions.incrementAndGet();
                return r.resolve(project, name);
            }
        };
    }
}
