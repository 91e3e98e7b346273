package io.driftwatch.engine.apps;

import io.driftwatch.AppOutput;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Result;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ValidationSets;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class DefaultApplicationRunner implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultApplicationRunner.class);
    private static final String ROWS = "rows";
    private final RunnerConfig config;
    private final Clock clock;
    private final ArtifactStore artifacts;
    private final EngineEventListener events;
    private final ValidationSets validationSets;

    DefaultApplicationRunner(RunnerConfig config, Clock clock, ArtifactStore artifacts, EngineEventListener events,
                             ValidationSets validationSets) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.events = Objects.requireNonNull(events, "events");
        this.validationSets = Objects.requireNonNull(validationSets, "validationSets");
    }

    /** One started app: its context, thread and future. */
    private record Started(WindowTask task, WindowContext context, Thread thread, CompletableFuture<AppOutput> future,
                           long startNanos) {
    }

    @Override
    public List<AppRun> run(String project, ModelEndpoint endpoint, Window window, Supplier<SampleFrame> frame,
                            List<DeployedApp> apps) {
        WindowData data = new WindowData(endpoint, window, frame, () -> validationSets.of(endpoint));
        List<Started> started = new ArrayList<>();
        for (DeployedApp app : apps) {
            started.add(start(WindowTask.of(project, endpoint.uid(), app.name(), window), data, app));
        }
        List<AppRun> runs = new ArrayList<>();
        for (Started s : started) {
            runs.add(finish(s));
        }
        return runs;
    }

    /**
     * Starts the app on a virtual thread of its own (isolated: its timeout interrupts it, its failure is its own), or,
     * for a built-in app ({@link #trusted}), runs it to completion on the calling thread: engine code of bounded cost
     * (~0.1–0.2 ms a window from summaries), for which a thread start and the caller's park and wake-up per window
     * were overhead of the same order (issue 17: 20,000 hand-offs per cycle at 10,000 endpoints × 2 apps).
     */
    private static Started start(WindowTask task, WindowData data, DeployedApp app) {
        WindowContext ctx = new WindowContext(data, task);
        CompletableFuture<AppOutput> future = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Runnable body = () -> {
            try {
                future.complete(app.app().doTracking(ctx));
            } catch (Throwable e) { // an app's Error (e.g. StackOverflowError) is its failure, not ours
                future.completeExceptionally(e);
            }
        };
        if (trusted(app)) {
            body.run();
            return new Started(task, ctx, Thread.currentThread(), future, t0);
        }
        Thread thread = Thread.ofVirtual().name("app-" + task.applicationName() + "-" + task.endpointId()).start(body);
        return new Started(task, ctx, thread, future, t0);
    }

    /** A built-in app loaded from the engine's own classes (not from a jar): it runs on the caller's thread. */
    static boolean trusted(DeployedApp app) {
        return app.registration().jar() == null
                && ApplicationRegistry.BUILT_IN.containsValue(app.registration().className())
                && app.app().getClass().getName().equals(app.registration().className())
                && app.app().getClass().getClassLoader() == DefaultApplicationRunner.class.getClassLoader();
    }

    private AppRun finish(Started s) {
        long deadline = s.startNanos() + config.timeout().toNanos();
        String error;
        AppOutput output = null;
        try {
            output = s.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            error = OutputValidation.problem(output);
        } catch (TimeoutException e) {
            s.thread().interrupt();
            error = "timed out after " + config.timeout();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            error = cause.getClass().getName() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.thread().interrupt();
            error = "interrupted while waiting for the app";
        }
        List<ArtifactStore.Artifact> logged = s.context().close();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - s.startNanos());
        if (error == null) {
            error = store(logged);
        }
        if (error != null) {
            return failed(s.task(), error, elapsed);
        }
        return new AppRun(s.task(), withRows(output, s.context()), null, elapsed);
    }

    /** Every result says how many rows it rests on: {@code extra_data.rows} (the window's), unless the app set it. */
    private static AppOutput withRows(AppOutput output, WindowContext context) {
        if (output.results().stream().allMatch(r -> r.extraData().containsKey(ROWS))) {
            return output;
        }
        int rows;
        try {
            rows = context.sampleFrame().rowCount();
        } catch (RuntimeException e) {
            LOG.warn("window rows of app {} cannot be counted: {}", context.applicationName(), e.toString());
            return output;
        }
        List<Result> results = new ArrayList<>();
        for (Result r : output.results()) {
            if (r.extraData().containsKey(ROWS)) {
                results.add(r);
            } else {
                Map<String, Object> extra = new LinkedHashMap<>(r.extraData());
                extra.put(ROWS, rows);
                results.add(new Result(r.name(), r.value(), r.kind(), r.status(), extra));
            }
        }
        return AppOutput.of(results, output.metrics());
    }

    private String store(List<ArtifactStore.Artifact> logged) {
        try {
            artifacts.putAll(logged);
            return null;
        } catch (RuntimeException e) {
            return "cannot store artifacts: " + e;
        }
    }

    private AppRun failed(WindowTask task, String error, Duration elapsed) {
        LOG.warn("app {} failed on {}/{} window [{}, {}): {}", task.applicationName(), task.project(),
                task.endpointId(), task.startInferTime(), task.endInferTime(), error);
        EventPublisher.publish(events, AppFailures.event(task, error, clock.instant()));
        return new AppRun(task, null, error, elapsed);
    }
}
