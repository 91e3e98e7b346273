package io.driftwatch.engine.apps;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringContext;
import io.driftwatch.SampleFrame;
import io.driftwatch.ValidationSet;
import io.driftwatch.Window;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.writer.WindowTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.regex.Pattern;

/**
 * The {@link MonitoringContext} of one app on one endpoint-window. Artifacts are buffered and stored by the runner
 * only if the app succeeds, so a failed or timed-out run leaves none behind.
 */
final class WindowContext implements MonitoringContext {
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?");
    private final WindowData data;
    private final WindowTask task;
    private final System.Logger logger;
    private final List<ArtifactStore.Artifact> artifacts = new ArrayList<>();
    private boolean closed;

    WindowContext(WindowData data, WindowTask task) {
        this.data = data;
        this.task = task;
        this.logger = System.getLogger("io.driftwatch.app." + task.applicationName());
    }

    @Override
    public String applicationName() {
        return task.applicationName();
    }

    @Override
    public String project() {
        return task.project();
    }

    @Override
    public ModelEndpoint endpoint() {
        return data.endpoint();
    }

    @Override
    public Window window() {
        return data.window();
    }

    @Override
    public SampleFrame sampleFrame() {
        return data.frame();
    }

    @Override
    public FeatureStats featureStats() {
        return data.paddedReference();
    }

    @Override
    public FeatureStats sampleStats() {
        return data.sampleStats();
    }

    @Override
    public List<String> featureNames() {
        return data.endpoint().spec().featureNames();
    }

    @Override
    public List<String> labelNames() {
        return data.endpoint().spec().labelNames();
    }

    @Override
    public Optional<ValidationSet> validationSet() {
        return data.validationSet();
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public synchronized void logArtifact(String name, String contentType, byte[] content) {
        if (closed) {
            throw new IllegalStateException("app '" + task.applicationName() + "' logged artifact '" + name
                    + "' after its run ended");
        }
        Objects.requireNonNull(content, "content");
        if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("invalid content type '" + contentType + "' for artifact '" + name + "'");
        }
        var key = new ArtifactStore.Key(task.project(), task.endpointId(), task.applicationName(),
                task.endInferTime(), name);
        artifacts.removeIf(a -> a.key().equals(key));
        artifacts.add(new ArtifactStore.Artifact(key, contentType, content.clone()));
    }

    /**
     * The window's summary for the built-in apps, when {@code context} is the runner's and the store keeps one
     * (user apps see rows through {@link #sampleFrame()}, loaded once per window and shared).
     */
    static Optional<WindowSummary> summaryOf(MonitoringContext context) {
        return context instanceof WindowContext w ? w.data.summary() : Optional.empty();
    }

    /** Ends the run: later logArtifact calls fail; returns the buffered artifacts. */
    synchronized List<ArtifactStore.Artifact> close() {
        closed = true;
        return List.copyOf(artifacts);
    }
}
