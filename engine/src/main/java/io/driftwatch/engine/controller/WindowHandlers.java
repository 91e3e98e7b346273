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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
                run(new Resolver(registry, events, clock), runner, endpoint, frame, tasks, b);
                b.flush();
            }

            @Override
            public Batch batch() {
                MonitoringWriter.Batch b = writer.batch();
                Resolver apps = new Resolver(registry, events, clock);
                return new Batch() {
                    @Override
                    public void handle(ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks) {
                        run(apps, runner, endpoint, frame, tasks, b);
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

    private static void run(Resolver resolver, ApplicationRunner runner, ModelEndpoint endpoint, SampleFrame frame,
                            List<WindowTask> tasks, MonitoringWriter.Batch out) {
        List<DeployedApp> apps = new ArrayList<>();
        for (WindowTask task : tasks) {
            resolver.resolve(task).ifPresent(apps::add);
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

    /**
     * Resolves each (project, app) once per batch of endpoints (issue 17): the registry reads the project's
     * registrations and settings from the project store on every call (two queries), which per window and app cost
     * more than a summary app's drift itself. An app registered or removed during a batch is seen by the next one.
     * A resolution that throws is not remembered (each of its tasks gets its {@code mm-app-failed} event).
     */
    private static final class Resolver {
        private final ApplicationRegistry registry;
        private final EngineEventListener events;
        private final Clock clock;
        private final Map<List<String>, Optional<DeployedApp>> resolved = new ConcurrentHashMap<>();

        Resolver(ApplicationRegistry registry, EngineEventListener events, Clock clock) {
            this.registry = registry;
            this.events = events;
            this.clock = clock;
        }

        Optional<DeployedApp> resolve(WindowTask task) {
            try {
                Optional<DeployedApp> app = resolved.computeIfAbsent(
                        List.of(task.project(), task.applicationName()),
                        k -> registry.resolve(task.project(), task.applicationName()));
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
}
