package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.AppOutput;
import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApplicationRunnerTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));
    private final ArtifactStore artifacts = ArtifactStores.inMemory();
    private final EngineEventListener.Recording events = EngineEventListener.recording();
    private final ApplicationRunner runner = ApplicationRunner.create(new RunnerConfig(Duration.ofMillis(500)),
            Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC), artifacts, events);
    private final FeatureStats ref = MonitoringApplicationContractSupport.reference();
    private final ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", ref, List.of("x"), List.of("y"), T0, T0);

    private static DeployedApp app(String name, MonitoringApplication app) {
        return new DeployedApp(new AppRegistration("p", name, app.getClass().getName(), null, Map.of(), T0), app);
    }

    private List<AppRun> run(AtomicInteger loads, DeployedApp... apps) {
        return runner.run("p", ep, W, () -> {
            loads.incrementAndGet();
            return MonitoringApplicationContractSupport.frame();
        }, List.of(apps));
    }

    @Test
    void failuresTimeoutsAndInvalidOutputsBecomeAppFailedEventsAndTheOthersGoOn() {
        AtomicInteger loads = new AtomicInteger();
        List<AppRun> runs = run(loads,
                app("ok", ctx -> AppOutput.metrics(Map.of("rows", ctx.sampleFrame().rowCount()))),
                app("throws", ctx -> {
                    throw new IllegalStateException("model file missing");
                }),
                app("hangs", ctx -> {
                    Thread.sleep(60_000); // kept: a hanging app is the behaviour under test (the runner times it out)
                    return AppOutput.none();
                }),
                app("dup", ctx -> AppOutput.of(List.of(), List.of(new Metric("m", 1), new Metric("m", 2)))),
                app("null", ctx -> null),
                app("stack", ApplicationRunnerTest::recurse));
        assertThat(runs).extracting(AppRun::succeeded).containsExactly(true, false, false, false, false, false);
        assertThat(runs.getFirst().output().metrics()).containsExactly(new Metric("rows", 3));
        assertThat(runs.get(1).error()).contains("IllegalStateException").contains("model file missing");
        assertThat(runs.get(2).error()).contains("timed out");
        assertThat(runs.get(2).elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(runs.get(3).error()).contains("duplicate metric name 'm'");
        assertThat(runs.get(4).error()).contains("returned null");
        assertThat(runs.get(5).error()).contains("StackOverflowError");
        List<EngineEvent> failed = events.ofKind(EngineEvent.APP_FAILED);
        assertThat(failed).extracting(EngineEvent::entityId)
                .containsExactly("p_throws", "p_hangs", "p_dup", "p_null", "p_stack");
        assertThat(failed.getFirst().entityKind()).isEqualTo(EngineEvent.ENTITY_APPLICATION);
        assertThat(failed.getFirst().value()).containsEntry("model_endpoint_id", "ep1")
                .containsEntry("end_infer_time", W.end().toString());
        assertThat(loads.get()).isEqualTo(1);
    }

    private static AppOutput recurse(io.driftwatch.MonitoringContext ctx) {
        return recurse(ctx);
    }

    @Test
    void contextExposesWindowReferenceAndWindowStatisticsOnPaddedEdges() {
        AtomicInteger loads = new AtomicInteger();
        List<AppRun> runs = run(loads, app("inspect", ctx -> {
            NumericStats r = (NumericStats) ctx.featureStats().get("x").orElseThrow();
            NumericStats s = (NumericStats) ctx.sampleStats().get("x").orElseThrow();
            assertThat(r.hist().bins()).isEqualTo(22);
            assertThat(r.hist().edge(0)).isEqualTo(-Double.MAX_VALUE);
            assertThat(s.hist().edges()).isEqualTo(r.hist().edges());
            assertThat(s.count()).isEqualTo(3);
            assertThat(ctx.window()).isEqualTo(W);
            assertThat(ctx.featureNames()).containsExactly("x");
            assertThat(ctx.labelNames()).containsExactly("y");
            assertThat(ctx.project()).isEqualTo("p");
            assertThat(ctx.applicationName()).isEqualTo("inspect");
            return AppOutput.of(new Result("mean_x", s.mean(), ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION));
        }));
        assertThat(runs.getFirst().error()).isNull();
        assertThat(runs.getFirst().output().results().getFirst().value()).isEqualTo(2.0);
    }

    @Test
    void rowsAreLoadedOnceAndTheSameFrameIsSharedByEveryAppThatAsks() {
        AtomicInteger loads = new AtomicInteger();
        List<SampleFrame> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<AppRun> runs = run(loads,
                app("rows-1", ctx -> {
                    seen.add(ctx.sampleFrame());
                    return AppOutput.metrics(Map.of("n", ctx.sampleFrame().numeric("x").length));
                }),
                app("stats-only", ctx -> AppOutput.metrics(Map.of("count",
                        ((NumericStats) ctx.sampleStats().get("x").orElseThrow()).count()))),
                app("rows-2", ctx -> {
                    seen.add(ctx.sampleFrame());
                    return AppOutput.metrics(Map.of("first", (Double) ctx.sampleFrame().values("x").getFirst()));
                }));
        assertThat(runs).extracting(AppRun::succeeded).containsExactly(true, true, true);
        assertThat(loads).as("the window's rows are read once").hasValue(1);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).as("one frame shared by the apps").isSameAs(seen.get(1));
    }

    @Test
    void artifactsAreStoredOnlyWhenTheAppSucceeds() {
        AtomicInteger loads = new AtomicInteger();
        run(loads,
                app("good", ctx -> {
                    ctx.logArtifact("report.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                    return AppOutput.none();
                }),
                app("bad", ctx -> {
                    ctx.logArtifact("report.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                    throw new IllegalStateException("after logging");
                }),
                app("badname", ctx -> {
                    ctx.logArtifact("../escape", "text/plain", new byte[1]);
                    return AppOutput.none();
                }));
        assertThat(artifacts.list("p", "ep1", null)).extracting(ArtifactStore.Key::application).containsExactly("good");
        var key = new ArtifactStore.Key("p", "ep1", "good", W.end(), "report.json");
        assertThat(artifacts.get(key)).get().extracting(ArtifactStore.Artifact::contentType).isEqualTo("application/json");
        assertThat(events.ofKind(EngineEvent.APP_FAILED)).extracting(EngineEvent::entityId).containsExactly("p_bad", "p_badname");
        assertThat(loads.get()).isZero();
    }

    @Test
    void builtInAppsRunOnTheCallingThreadRegisteredOnesOnAVirtualThreadOfTheirOwn() {
        DeployedApp builtIn = app("histogram-data-drift", new HistogramDataDriftApp());
        DeployedApp fromJar = new DeployedApp(new AppRegistration("p", "h", HistogramDataDriftApp.class.getName(),
                "apps.jar", Map.of(), T0), new HistogramDataDriftApp());
        assertThat(DefaultApplicationRunner.trusted(builtIn)).isTrue();
        assertThat(DefaultApplicationRunner.trusted(fromJar)).as("same class name, from a jar").isFalse();
        java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<AppRun> runs = run(new AtomicInteger(), app("custom", ctx -> {
            threads.add(Thread.currentThread());
            return AppOutput.metrics(Map.of("n", 1));
        }), builtIn);
        assertThat(runs).allMatch(AppRun::succeeded);
        assertThat(threads).singleElement().matches(Thread::isVirtual).isNotSameAs(Thread.currentThread());
        assertThat(DefaultApplicationRunner.trusted(app("custom", ctx -> AppOutput.none())))
                .as("a registered class that is not built in").isFalse();
    }
}
