package io.driftwatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model in one serving function (or a batch job recording results): the unit statistics are kept for.
 * The shape follows DESIGN.md §4 (MLRun's model endpoint record): metadata, spec and status.
 */
public record ModelEndpoint(Metadata metadata, Spec spec, Status status) {
    public ModelEndpoint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
    }

    public String uid() {
        return metadata.uid();
    }

    public String project() {
        return metadata.project();
    }

    public ModelEndpoint withSpec(Spec newSpec) {
        return new ModelEndpoint(metadata, newSpec, status);
    }

    public ModelEndpoint withStatus(Status newStatus) {
        return new ModelEndpoint(metadata, spec, newStatus);
    }

    /** @param labels free-form string labels */
    public record Metadata(String project, String uid, Map<String, String> labels) {
        public Metadata {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(uid, "uid");
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /**
     * @param functionUri  {@code project/function[:tag]}
     * @param model        the model name ({@code name} or {@code name:version})
     * @param modelClass   the serving class or "drift-analysis"
     * @param featureNames input column names, in order
     * @param labelNames   output column names, in order
     */
    public record Spec(String functionUri, String model, String modelVersion, String modelClass, String modelUri,
                       List<String> featureNames, List<String> labelNames, String streamPath,
                       MonitoringMode monitoringMode, boolean active) {
        public Spec {
            featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
            labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
            monitoringMode = monitoringMode == null ? MonitoringMode.DISABLED : monitoringMode;
        }
    }

    /**
     * @param featureStats  the reference statistics (from the model's training set); empty when unknown
     * @param currentStats  the latest window's statistics (written by the default drift app)
     * @param firstRequest  null before the first event
     * @param driftStatus   the latest general drift status; null before the first analysed window
     * @param driftMeasures per feature {tvd, hellinger, kld} and the means, as written by the drift app
     * @param lateRows      rows that arrived after their window was analysed (counted by the stream processor)
     * @param pendingLate   event times of late rows whose windows are still to be analysed again (distinct,
     *                      sorted; the controller empties it)
     */
    public record Status(FeatureStats featureStats, FeatureStats currentStats, Instant firstRequest,
                         Instant lastRequest, long errorCount, ResultStatus driftStatus,
                         Map<String, Object> driftMeasures, LiveMetrics metrics, long lateRows,
                         List<Instant> pendingLate) {
        public Status {
            featureStats = featureStats == null ? FeatureStats.empty() : featureStats;
            currentStats = currentStats == null ? FeatureStats.empty() : currentStats;
            driftMeasures = driftMeasures == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(driftMeasures));
            metrics = metrics == null ? LiveMetrics.ZERO : metrics;
            pendingLate = pendingLate == null ? List.of() : List.copyOf(pendingLate);
        }

        /** A status without late rows. */
        public Status(FeatureStats featureStats, FeatureStats currentStats, Instant firstRequest,
                      Instant lastRequest, long errorCount, ResultStatus driftStatus,
                      Map<String, Object> driftMeasures, LiveMetrics metrics) {
            this(featureStats, currentStats, firstRequest, lastRequest, errorCount, driftStatus, driftMeasures,
                    metrics, 0, List.of());
        }

        /** This status with the late-row count and pending late times replaced. */
        public Status withLate(long rows, List<Instant> pending) {
            return new Status(featureStats, currentStats, firstRequest, lastRequest, errorCount, driftStatus,
                    driftMeasures, metrics, rows, pending);
        }

        public static Status initial(FeatureStats featureStats) {
            return new Status(featureStats, null, null, null, 0, null, null, null);
        }
    }
}
