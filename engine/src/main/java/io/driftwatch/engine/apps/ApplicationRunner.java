package io.driftwatch.engine.apps;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ValidationSets;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs monitoring applications on one endpoint-window (DESIGN.md §8). Each registered app runs isolated on its own
 * virtual thread with a timeout: an exception, a timeout or an invalid output becomes an {@code mm-app-failed} event
 * and the other apps go on. The built-in apps (engine code, from summaries in ~0.1–0.2 ms) run on the calling thread,
 * before the others start, with the same failure handling and no timeout. All apps of a window share one lazily
 * loaded frame and one computation of the window statistics.
 * Artifacts an app logs are stored only if it succeeds.
 */
public interface ApplicationRunner {

    static ApplicationRunner create(RunnerConfig config, Clock clock, ArtifactStore artifacts,
                                    EngineEventListener events) {
        return create(config, clock, artifacts, events, ValidationSets.NONE);
    }

    /** With the validation sets of the endpoints' models ({@code MonitoringContext.validationSet()}). */
    static ApplicationRunner create(RunnerConfig config, Clock clock, ArtifactStore artifacts,
                                    EngineEventListener events, ValidationSets validationSets) {
        return new DefaultApplicationRunner(config, clock, artifacts, events, validationSets);
    }

    /**
     * Runs the apps on the window (registered ones concurrently) and waits for all of them (at most the timeout).
     *
     * @param frame supplies the window's rows ({@code start ≤ timestamp < end}); called at most once, on first use
     * @return one run per app, in the order given
     */
    List<AppRun> run(String project, ModelEndpoint endpoint, Window window, Supplier<SampleFrame> frame,
                     List<DeployedApp> apps);

    /** Runs one window task (the scale-out form: a task read from the app stream). */
    default AppRun run(WindowTask task, ModelEndpoint endpoint, Supplier<SampleFrame> frame, DeployedApp app) {
        if (!task.applicationName().equals(app.name())) {
            throw new IllegalArgumentException("task for app '" + task.applicationName() + "' given app '" + app.name() + "'");
        }
        return run(task.project(), endpoint, task.window(), frame, List.of(app)).getFirst();
    }
}
