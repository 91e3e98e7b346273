package io.driftwatch.serving;

import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.model.InferResponse;
import io.driftwatch.serving.model.ServableModel;
import io.driftwatch.serving.model.ServableModels;
import io.driftwatch.serving.tracking.Sampler;
import io.driftwatch.serving.tracking.Tracker;
import io.driftwatch.serving.tracking.TrackingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed serving function: its models loaded, answering inference and emitting tracking events. Thread-safe;
 * the request path takes no lock (sampling is one atomic increment, tracking one lock-free queue offer).
 */
public final class ServingFunction implements AutoCloseable {
    /** The {@code class} of error events for a model name the function does not serve. */
    public static final String UNKNOWN_CLASS = "unknown";

    /** A loaded model with its spec and class name. */
    public record ServedModel(ModelSpec spec, ServableModel model, String modelClass) {
    }

    /** A successful inference: the model's response and the request id (the client's or a generated one). */
    public record InferResult(ServedModel model, InferResponse response, String id) {
    }

    private final FunctionSpec spec;
    private final Map<String, ServedModel> models;
    private final Tracker tracker;
    private final Sampler sampler;
    private final Clock clock;

    private ServingFunction(FunctionSpec spec, Map<String, ServedModel> models, Tracker tracker, Clock clock) {
        this.spec = spec;
        this.models = models;
        this.tracker = tracker;
        this.sampler = Sampler.of(spec.tracking().sampleRate());
        this.clock = clock;
    }

    /**
     * Loads every model of the spec.
     *
     * @throws ServingException 400 naming the model that cannot be loaded (models loaded so far are closed)
     */
    static ServingFunction deploy(FunctionSpec spec, Tracker tracker, Clock clock) {
        Map<String, ServedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelSpec m : spec.models().values()) {
                Path file = m.modelFile() == null ? null : Path.of(m.modelFile());
                ServableModel model = ServableModels.load(m.modelClass(), file);
                loaded.put(m.name(), new ServedModel(m, model, model.getClass().getName()));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(s -> s.model().close());
            throw new ServingException(400, "cannot deploy " + spec.functionUri() + ": " + e.getMessage(), e);
        }
        return new ServingFunction(spec, Map.copyOf(loaded), tracker, clock);
    }

    public FunctionSpec spec() {
        return spec;
    }

    public String functionUri() {
        return spec.functionUri();
    }

    /** The served models, in the order they were added. */
    public List<ServedModel> models() {
        return spec.models().keySet().stream().map(models::get).toList();
    }

    /**
     * The model served as {@code name}, optionally of {@code version}.
     *
     * @throws ServingException 404 for an unknown model or version
     */
    public ServedModel model(String name, String version) {
        ServedModel m = models.get(name);
        if (m == null) {
            throw ServingException.notFound("model '" + name + "' is not served by " + functionUri()
                    + "; models: " + spec.models().keySet());
        }
        if (version != null && !version.equals(m.spec().version())) {
            throw ServingException.notFound("model '" + name + "' has no version '" + version + "' in "
                    + functionUri() + "; versions: " + Optional.ofNullable(m.spec().version()).stream().toList());
        }
        return m;
    }

    /** The tracker's clock reading for a request start. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs inference and tracks it (sampled) or its failure (always, when tracking is on).
     *
     * @param when       the request start ({@link #now()})
     * @param startNanos {@link System#nanoTime()} at the request start, for the latency
     * @throws ServingException 404 unknown model/version, 400 request the model refuses, 500 model failure
     */
    public InferResult infer(String modelName, String version, InferRequest request, Instant when, long startNanos) {
        ServedModel m;
        try {
            m = model(modelName, version);
        } catch (ServingException e) {
            trackError(modelName, version, request.id(), null, when, e.getMessage());
            throw e;
        }
        InferResponse resp;
        try {
            resp = m.model().infer(request);
        } catch (IllegalArgumentException e) {
            trackError(modelName, version, request.id(), safeInputs(m, request), when, e.getMessage());
            throw new ServingException(400, e.getMessage(), e);
        } catch (RuntimeException e) {
            String msg = "model '" + modelName + "' failed: " + e;
            trackError(modelName, version, request.id(), safeInputs(m, request), when, msg);
            throw new ServingException(500, msg, e);
        }
        if (spec.tracking().enabled() && sampler.sample()) {
            long micros = (System.nanoTime() - startNanos) / 1_000;
            tracker.track(TrackingEvent.builder().modelClass(m.modelClass()).model(modelName)
                    .version(m.spec().version()).functionUri(functionUri()).labels(m.spec().labels())
                    .requestId(request.id()).inputs(m.model().trackedInputs(request))
                    .outputs(m.model().trackedOutputs(request, resp)).when(when).respondedAt(clock.instant())
                    .microsec(micros).build());
        }
        return new InferResult(m, resp, request.id());
    }

    /**
     * Tracks a failed request (e.g. a body that does not parse) as an error event, if tracking is on.
     *
     * @param inputs the tracked input rows, or null if unknown
     */
    public void trackError(String modelName, String version, String requestId, List<Object> inputs, Instant when,
            String message) {
        if (!spec.tracking().enabled()) {
            return;
        }
        ServedModel m = models.get(modelName);
        String cls = m == null ? UNKNOWN_CLASS : m.modelClass();
        String ver = m == null ? version : m.spec().version();
        Map<String, String> labels = m == null ? Map.of() : m.spec().labels();
        tracker.track(TrackingEvent.builder().modelClass(cls).model(modelName).version(ver).functionUri(functionUri())
                .labels(labels).requestId(requestId).inputs(inputs).when(when).error(message).build());
    }

    private static List<Object> safeInputs(ServedModel m, InferRequest request) {
        try {
            return m.model().trackedInputs(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        models.values().forEach(m -> m.model().close());
    }
}
