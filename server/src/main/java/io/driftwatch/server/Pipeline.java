package io.driftwatch.server;

import io.driftwatch.engine.alerts.AlertEngine;
import io.driftwatch.engine.alerts.AlertStores;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.controller.ControllerConfig;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.controller.SampleBarrier;
import io.driftwatch.engine.controller.WindowHandlers;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.writer.MonitoringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the analysis half of the pipeline over any stores: the application registry, the runner, the writer and
 * the controller (DESIGN.md §2: controller → apps → writer), and returns the {@link Backend} the REST API serves
 * from. The controller is created but not started.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * @param appsDir folder of user app jars (null: classpath only)
     * @param grace   the controller's grace before a window is closed
     */
    public static Backend wire(Clock clock, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                               SampleStore samples, ArtifactStore artifacts, EventStream stream, Path appsDir,
                               Duration grace, EngineEventListener events) {
        return wire(clock, projects, endpoints, timeSeries, samples, artifacts, stream, appsDir, grace, events,
                AlertStores.inMemory(), AlertEngine.Options.defaults());
    }

    /**
     * As above, with the alert engine over {@code alertStore} receiving every engine event after {@code events};
     * the engine's threshold evaluator is not started ({@code backend.alerts().start()}).
     */
    public static Backend wire(Clock clock, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                               SampleStore samples, ArtifactStore artifacts, EventStream stream, Path appsDir,
                               Duration grace, EngineEventListener listener, AlertStore alertStore,
                               AlertEngine.Options alertOptions) {
        return wire(clock, projects, endpoints, timeSeries, samples, artifacts, stream, appsDir, grace, listener,
                alertStore, alertOptions, SampleBarrier.NONE);
    }

    /** As above, with the controller waiting on {@code barrier} before it cuts windows (see {@link SampleBarrier}). */
    public static Backend wire(Clock clock, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                               SampleStore samples, ArtifactStore artifacts, EventStream stream, Path appsDir,
                               Duration grace, EngineEventListener listener, AlertStore alertStore,
                               AlertEngine.Options alertOptions, SampleBarrier barrier) {
        AlertEngine alerts = AlertEngine.create(alertStore, projects, endpoints, timeSeries, clock, alertOptions);
        EngineEventListener events = e -> {
            EventPublisher.publish(listener, e);
            EventPublisher.publish(alerts, e);
        };
        ApplicationRegistry registry = ApplicationRegistry.create(projects, clock, appsDir);
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), clock, artifacts, events);
        MonitoringWriter writer = MonitoringWriter.create(clock, timeSeries, endpoints, events);
        MonitoringController controller = MonitoringController.create(ControllerConfig.defaults().withGrace(grace),
                clock, projects, endpoints, samples, registry,
                WindowHandlers.runAndWrite(registry, runner, writer, events, clock), barrier);
        return new Backend(clock, projects, endpoints, timeSeries, samples, artifacts, stream, registry, controller,
                alerts);
    }
}
