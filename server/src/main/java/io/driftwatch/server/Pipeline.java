package io.driftwatch.server;

import io.driftwatch.engine.alerts.AlertEngine;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.controller.ControllerConfig;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.controller.SampleBarrier;
import io.driftwatch.engine.controller.WindowHandlers;
import io.driftwatch.engine.labels.LabelledSamples;
import io.driftwatch.engine.port.ValidationSets;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.writer.MonitoringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Wires the analysis half of the pipeline over any {@link Backends}: the application registry, the runner, the
 * writer, the controller (DESIGN.md §2: controller → apps → writer) and the alert engine, and returns the
 * {@link Backend} the REST API serves from. The controller is created but not started, nor is the alert engine's
 * threshold evaluator ({@code backend.alerts().start()}).
 *
 * <pre>{@code Backend b = Pipeline.over(clock, backends).appsDir(dir).grace(grace).events(listener).wire();}</pre>
 */
public final class Pipeline {
    private final Clock clock;
    private final Backends backends;
    private Path appsDir;
    private ValidationSets validationSets = ValidationSets.NONE;
    private Duration grace = ControllerConfig.defaults().grace();
    private EngineEventListener listener = EngineEventListener.none();
    private AlertEngine.Options alertOptions = AlertEngine.Options.defaults();
    private SampleBarrier barrier = SampleBarrier.NONE;

    private Pipeline(Clock clock, Backends backends) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backends = Objects.requireNonNull(backends, "backends");
    }

    /** A pipeline over {@code backends}: no user app folder, the default grace, no listener, no barrier. */
    public static Pipeline over(Clock clock, Backends backends) {
        return new Pipeline(clock, backends);
    }

    /** The folder of user app jars (null: classpath only). */
    public Pipeline appsDir(Path dir) {
        this.appsDir = dir;
        return this;
    }

    /** The controller's grace before a window is closed. */
    public Pipeline grace(Duration g) {
        this.grace = Objects.requireNonNull(g, "grace");
        return this;
    }

    /** Receives every engine event before the alert engine does. */
    public Pipeline events(EngineEventListener l) {
        this.listener = Objects.requireNonNull(l, "events");
        return this;
    }

    public Pipeline alertOptions(AlertEngine.Options options) {
        this.alertOptions = Objects.requireNonNull(options, "alertOptions");
        return this;
    }

    /** Where the apps find the validation sets logged with the endpoints' models (issue 20); none by default. */
    public Pipeline validationSets(ValidationSets v) {
        this.validationSets = Objects.requireNonNull(v, "validationSets");
        return this;
    }

    /** What the controller waits on before it cuts windows (see {@link SampleBarrier}). */
    public Pipeline barrier(SampleBarrier b) {
        this.barrier = Objects.requireNonNull(b, "barrier");
        return this;
    }

    /** Creates the registry, runner, writer, controller and alert engine. */
    public Backend wire() {
        AlertEngine alerts = AlertEngine.create(backends.alerts(), backends.projects(), backends.endpoints(),
                backends.timeSeries(), clock, alertOptions);
        EngineEventListener events = e -> {
            EventPublisher.publish(listener, e);
            EventPublisher.publish(alerts, e);
        };
        ApplicationRegistry registry = ApplicationRegistry.create(backends.projects(), clock, appsDir);
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), clock, backends.artifacts(),
                events, validationSets);
        MonitoringWriter writer = MonitoringWriter.create(clock, backends.timeSeries(), backends.endpoints(), events);
        MonitoringController controller = MonitoringController.create(ControllerConfig.defaults().withGrace(grace),
                clock, backends.projects(), backends.endpoints(),
                new LabelledSamples(backends.samples(), backends.timeSeries()), registry,
                WindowHandlers.runAndWrite(registry, runner, writer, events, clock), barrier);
        return new Backend(clock, backends.projects(), backends.endpoints(), backends.timeSeries(), backends.samples(),
                backends.artifacts(), backends.stream(), registry, controller, alerts);
    }
}
