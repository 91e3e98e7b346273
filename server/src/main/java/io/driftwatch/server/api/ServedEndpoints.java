package io.driftwatch.server.api;

import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.server.Backend;
import io.driftwatch.serving.ServingFunction;
import io.driftwatch.serving.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model endpoints of a deployed serving function, made ready before its first tracked request (MLRun creates
 * them at deploy time too): each served model's record gets the logged model's {@code feature_stats} and
 * {@code feature_names}, {@code label_names} that fit the tracked output rows, and {@code monitoring_mode}
 * enabled while the function's tracking is on (MLRun's {@code track_models}). A served model may track more outputs
 * than the training set has labels: the iris ONNX model tracks {@code [label, p0, p1, p2]}, named
 * {@code label, probabilities_0..2} after the output tensors (a one-value tensor takes the logged label column's
 * name when there is one label); without fitting names every event would be a data-processing error.
 */
final class ServedEndpoints {
    private ServedEndpoints() {
    }

    /** Gets or creates, and updates, the endpoint of every model of the deployed function. */
    static void register(Backend backend, ServingFunction fn) {
        if (backend.endpoints() == null) {
            return;
        }
        for (ServingFunction.ServedModel m : fn.models()) {
            register(backend, fn, m);
        }
    }

    private static void register(Backend backend, ServingFunction fn, ServingFunction.ServedModel m) {
        String project = fn.spec().project();
        String uid = EndpointId.of(project, fn.functionUri(), m.spec().name(), m.spec().version());
        Optional<ProjectRecords.ModelRecord> logged = backend.projects().model(project, m.spec().name(),
                m.spec().version());
        List<String> features = logged.map(ProjectRecords.ModelRecord::featureNames).orElse(List.of());
        List<String> labels = labelNames(m, logged.map(ProjectRecords.ModelRecord::labelNames).orElse(List.of()));
        FeatureStats stats = logged.map(ProjectRecords.ModelRecord::featureStats).orElse(FeatureStats.empty());
        MonitoringMode mode = fn.spec().tracking().enabled() ? MonitoringMode.ENABLED : MonitoringMode.DISABLED;
        Optional<ModelEndpoint> existing = backend.endpoints().get(project, uid);
        ModelEndpoint.Spec old = existing.map(ModelEndpoint::spec).orElse(null);
        ModelEndpoint.Spec spec = ModelEndpoint.Spec.builder().functionUri(fn.functionUri()).model(m.spec().name())
                .modelVersion(m.spec().version()).modelClass(m.modelClass()).modelUri(m.spec().modelFile())
                .featureNames(old == null || old.featureNames().isEmpty() ? features : old.featureNames())
                .labelNames(old == null || old.labelNames().size() != labels.size() && !labels.isEmpty() ? labels
                        : old.labelNames())
                .streamPath(old == null ? null : old.streamPath()).monitoringMode(mode).active(true).build();
        ModelEndpoint.Status status = existing.map(ModelEndpoint::status)
                .map(s -> s.featureStats().isEmpty() ? withStats(s, stats) : s)
                .orElseGet(() -> ModelEndpoint.Status.initial(stats));
        Map<String, String> epLabels = existing.map(e -> e.metadata().labels()).orElse(m.spec().labels());
        backend.endpoints().put(new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, epLabels), spec, status));
    }

    private static ModelEndpoint.Status withStats(ModelEndpoint.Status s, FeatureStats stats) {
        return s.toBuilder().featureStats(stats).build();
    }

    /**
     * Names of the tracked output columns from the model's output tensors (per-row width = product of the inner
     * dimensions); empty when a width is unknown (the stream processor then names them).
     */
    static List<String> labelNames(ServingFunction.ServedModel m, List<String> loggedLabels) {
        List<TensorSpec> outputs = m.model().metadata().outputs();
        List<String> names = new ArrayList<>();
        boolean labelUsed = loggedLabels.size() != 1;
        for (TensorSpec t : outputs) {
            long width = 1;
            for (int i = 1; i < t.shape().size(); i++) {
                long d = t.shape().get(i);
                if (d < 0) {
                    return List.of();
                }
                width *= d;
            }
            if (width == 1) {
                names.add(labelUsed ? t.name() : loggedLabels.getFirst());
                labelUsed = true;
            } else {
                for (int i = 0; i < width; i++) {
                    names.add(t.name() + "_" + i);
                }
            }
        }
        return names.size() == 1 && loggedLabels.size() == 1 ? loggedLabels : names;
    }
}
