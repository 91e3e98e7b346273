package io.driftwatch.engine.controller;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.engine.apps.AppFailures;
import io.driftwatch.engine.apps.AppRun;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.DeployedApp;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.writer.MonitoringWriter;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The in-process {@link WindowHandler}: resolve the apps, run them, write their outputs. */
public final class WindowHandlers {
    private WindowHandlers() {
    }

    /**
     * Runs each task's app through the runner (isolated, with its timeout) and writes each successful output with
     * the writer. An app that cannot be resolved (removed meanwhile, or its class no longer loads) is an
     * {@code mm-app-failed} event; an exception from the writer propagates (the controller retries the window).
     * Its {@link WindowHandler#batch()} writes through one {@link MonitoringWriter.Batch}: the outputs of a batch of
     * endpoints are written at its flush.
     */
    public static WindowHandler runAndWrite(ApplicationRegistry registry, ApplicationRunner runner,
                                            MonitoringWriter writer, EngineEventListener events, Clock clock) {
        return new WindowHandler() {
            @Override
            public void handle(ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks) {
                MonitoringWriter.Batch b = writer.batch();
                run(registry, runner, events, clock, endpoint, frame, tasks, b);
                b.flush();
            }

            @Override
            public Batch batch() {
                MonitoringWriter.Batch b = writer.batch();
                return new Batch() {
                    @Override
                    public void handle(ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks) {
                        run(registry, runner, events, clock, endpoint, frame, tasks, b);
                    }

                    @Override
                    public int pending() {
                        return b.size();
                    }

                    @Override
                    public void flush() {
                        b.flush();
                    }
                };
            }
        };
    }

    private static void run(ApplicationRegistry registry, ApplicationRunner runner, EngineEventListener events,
                            Clock clock, ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks,
                            MonitoringWriter.Batch out) {
        List<DeployedApp> apps = new ArrayList<>();
        for (WindowTask task : tasks) {
            resolve(registry, task, events, clock).ifPresent(apps::add);
        }
        if (apps.isEmpty()) {
            return;
        }
        WindowTask first = tasks.getFirst();
        for (AppRun run : runner.run(first.project(), endpoint, first.window(), () -> frame, apps)) {
            if (run.succeeded()) {
                out.add(endpoint, run.task(), run.output());
            }
        }
    }

    private static Optional<DeployedApp> resolve(ApplicationRegistry registry, WindowTask task,
                                                 EngineEventListener events, Clock clock) {
        try {
            Optional<DeployedApp> app = registry.resolve(task.project(), task.applicationName());
            if (app.isEmpty()) {
                EventPublisher.publish(events, AppFailures.event(task, "application is no longer registered",
                        clock.instant()));
            }
            return app;
        } catch (RuntimeException e) {
            EventPublisher.publish(events, AppFailures.event(task, e.getMessage(), clock.instant()));
            return Optional.empty();
        }
    }
}
