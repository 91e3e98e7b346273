package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.FeatureStats;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.alerts.AlertActivation.Status;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.controller.ControllerConfig;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.controller.WindowHandlers;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import io.driftwatch.engine.port.BasePeriod;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.writer.MonitoringWriter;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drift through controller → histogram-data-drift → writer → alert engine → notifications. */
class AlertPipelineTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    private final ProjectStore projects = MemoryStores.projectStore();
    private final EndpointStore endpoints = MemoryStores.endpointStore();
    private final SampleStore samples = MemoryStores.sampleStore();
    private final TimeSeriesStore ts = MemoryStores.timeSeriesStore();
    private final AlertEngine alerts = AlertEngine.create(AlertStores.inMemory(), projects, endpoints, ts, clock,
            AlertEngine.Options.defaults().withOutbound(AlertTesting.LOCAL).withDispatch(AlertTesting.FAST).withChannelTimeout(Duration.ofSeconds(2))
                    .withConsole(null));
    private long offset;

    @AfterEach
    void close() {
        alerts.close();
    }

    /** One 10-minute window per shift, starting at T0; returns the controller. */
    private MonitoringController pipeline(double... shifts) {
        projects.createProject("p");
        projects.putMonitoringSettings(new MonitoringSettings("p", true, BasePeriod.parse("10"), Map.of()));
        ApplicationRegistry registry = ApplicationRegistry.create(projects, clock, null);
        registry.deployDefaults("p", true);
        Random rnd = new Random(1);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        FeatureStats ref = Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(x)))).stats();
        for (int w = 0; w < shifts.length; w++) {
            List<SampleRow> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(new SampleRow("p", "ep1", T0.plus(Duration.ofMinutes(10L * w)).plusSeconds(i), "r" + w + i,
                        100, Map.of("x", rnd.nextGaussian() + shifts[w]), Map.of()));
            }
            offset += batch.size();
            samples.write(batch, offset);
        }
        endpoints.put(EngineFixtures.endpoint("p", "ep1", ref, List.of("x"), List.of(), T0,
                T0.plus(Duration.ofMinutes(10L * shifts.length + 1))));
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), clock, ArtifactStores.inMemory(),
                alerts);
        MonitoringWriter writer = MonitoringWriter.create(clock, ts, endpoints, alerts);
        return MonitoringController.create(ControllerConfig.defaults(), clock, projects, endpoints, samples, registry,
                WindowHandlers.runAndWrite(registry, runner, writer, alerts, clock));
    }

    private void put(String name, String json) {
        alerts.put(AlertTesting.config("p", name, json));
    }

    private List<AlertActivation> activations(String alert) {
        return alerts.activations(new ActivationQuery("p", alert, null, null, null, 100));
    }

    @Test
    void oneDriftedWindowFiresExactlyOneAutoResetActivation() {
        put("drift", AlertTemplates.get("data-drift-detected").orElseThrow().toString());
        MonitoringController controller = pipeline(0, 4);
        assertThat(controller.runOnce()).isEqualTo(2);
        assertThat(controller.runOnce()).isZero();   // nothing new: no second activation
        List<AlertActivation> acts = activations("drift");
        assertThat(acts).singleElement().satisfies(a -> {
            assertThat(a.active()).isFalse();
            assertThat(a.endpoints()).containsExactly("ep1");
            assertThat(a.events()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo("data-drift-detected");
                assertThat(e.entityId()).isEqualTo("ep1.histogram-data-drift.result.general_drift");
                assertThat(e.value()).containsEntry("end_infer_time", T0.plus(Duration.ofMinutes(20)).toString());
            });
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts.activation("p", acts.get(0).id()).orElseThrow().notifications().get(0).status()
                == Status.SENT);
    }

    @Test
    void countWithinPeriodFiresTheExpectedNumberOfActivations() {
        String base = "{'entities': {'kind': 'model-endpoint-result', 'ids': ['ep1']},"
                + " 'trigger': {'events': ['data-drift-detected']}, 'notifications': [{'kind': 'console'}],";
        put("two", base + "'criteria': {'count': 2, 'period': '1h'}}");
        put("three", base + "'criteria': {'count': 3, 'period': '1h'}}");
        put("manual", base + "'reset_policy': 'manual'}");
        MonitoringController controller = pipeline(4, 4, 4, 4, 4);   // five drifted windows
        assertThat(controller.runOnce()).isEqualTo(5);
        assertThat(activations("two")).hasSize(2);        // events 2 and 4; the 5th waits
        assertThat(activations("three")).hasSize(1);      // event 3; 4 and 5 wait
        assertThat(activations("manual")).singleElement().satisfies(a -> {
            assertThat(a.active()).isTrue();
            assertThat(a.ignoredEvents()).isEqualTo(4);
        });
        assertThat(activations("two").get(0).events()).extracting(EngineEvent::kind).containsOnly("data-drift-detected");
    }

    @Test
    void aDeadWebhookDoesNotDelayTheWriterAndItsFailureIsRecorded() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {   // never answers
            put("hook", "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
                    + " 'trigger': {'events': ['data-drift-detected']}, 'notifications': [{'kind': 'webhook',"
                    + " 'params': {'url': 'http://127.0.0.1:" + blackHole.getLocalPort() + "/hook'}}]}");
            MonitoringController controller = pipeline(0, 4, 4);
            long start = System.nanoTime();
            assertThat(controller.runOnce()).isEqualTo(3);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<AlertActivation> acts = activations("hook");
            assertThat(acts).hasSize(2);
            // each delivery takes 3 attempts × 2 s timeout (12 s for both if run inline); the run waits for none
            assertThat(took).isLessThan(Duration.ofSeconds(4));
            assertThat(acts.get(0).notifications().get(0).status()).isEqualTo(Status.PENDING);
            await().atMost(Duration.ofSeconds(30)).until(() -> activations("hook").stream().allMatch(a -> a.notifications().get(0).status() == Status.FAILED));
            assertThat(activations("hook").get(0).notifications().get(0).error()).contains("timed out");
            assertThat(activations("hook").get(0).notifications().get(0).attempts()).isEqualTo(3);
        }
    }
}
