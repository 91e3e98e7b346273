package io.driftwatch;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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

        /** An empty builder: every field null (lists empty, mode disabled), {@code active} true. */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding this spec's fields, to change a few of them. */
        public Builder toBuilder() {
            return new Builder().functionUri(functionUri).model(model).modelVersion(modelVersion)
                    .modelClass(modelClass).modelUri(modelUri).featureNames(featureNames).labelNames(labelNames)
                    .streamPath(streamPath).monitoringMode(monitoringMode).active(active);
        }

        /** Builds a {@link Spec} by field name; {@link #build()} applies the record's defaults. */
        public static final class Builder {
            private String functionUri;
            private String model;
            private String modelVersion;
            private String modelClass;
            private String modelUri;
            private List<String> featureNames;
            private List<String> labelNames;
            private String streamPath;
            private MonitoringMode monitoringMode;
            private boolean active = true;

            private Builder() {
            }

            public Builder functionUri(String v) {
                functionUri = v;
                return this;
            }

            public Builder model(String v) {
                model = v;
                return this;
            }

            public Builder modelVersion(String v) {
                modelVersion = v;
                return this;
            }

            public Builder modelClass(String v) {
                modelClass = v;
                return this;
            }

            public Builder modelUri(String v) {
                modelUri = v;
                return this;
            }

            public Builder featureNames(List<String> v) {
                featureNames = v;
                return this;
            }

            public Builder labelNames(List<String> v) {
                labelNames = v;
                return this;
            }

            public Builder streamPath(String v) {
                streamPath = v;
                return this;
            }

            public Builder monitoringMode(MonitoringMode v) {
                monitoringMode = v;
                return this;
            }

            public Builder active(boolean v) {
                active = v;
                return this;
            }

            public Spec build() {
                return new Spec(functionUri, model, modelVersion, modelClass, modelUri, featureNames, labelNames,
                        streamPath, monitoringMode, active);
            }
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
            driftMeasures = driftMeasures == null ? Map.of() : Collections.unmodifiableMap(
                    new LinkedHashMap<>(driftMeasures));
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

        /** The status of a new endpoint: the reference statistics (or none) and nothing seen yet. */
        public static Status initial(FeatureStats featureStats) {
            return builder().featureStats(featureStats).build();
        }

        /** An empty builder: every field null or zero (the record's defaults apply on {@link Builder#build()}). */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding this status's fields, to change a few of them. */
        public Builder toBuilder() {
            return new Builder().featureStats(featureStats).currentStats(currentStats).firstRequest(firstRequest)
                    .lastRequest(lastRequest).errorCount(errorCount).driftStatus(driftStatus)
                    .driftMeasures(driftMeasures).metrics(metrics).lateRows(lateRows).pendingLate(pendingLate);
        }

        /** Builds a {@link Status} by field name. */
        public static final class Builder {
            private FeatureStats featureStats;
            private FeatureStats currentStats;
            private Instant firstRequest;
            private Instant lastRequest;
            private long errorCount;
            private ResultStatus driftStatus;
            private Map<String, Object> driftMeasures;
            private LiveMetrics metrics;
            private long lateRows;
            private List<Instant> pendingLate;

            private Builder() {
            }

            public Builder featureStats(FeatureStats v) {
                featureStats = v;
                return this;
            }

            public Builder currentStats(FeatureStats v) {
                currentStats = v;
                return this;
            }

            public Builder firstRequest(Instant v) {
                firstRequest = v;
                return this;
            }

            public Builder lastRequest(Instant v) {
                lastRequest = v;
                return this;
            }

            public Builder errorCount(long v) {
                errorCount = v;
                return this;
            }

            public Builder driftStatus(ResultStatus v) {
                driftStatus = v;
                return this;
            }

            public Builder driftMeasures(Map<String, Object> v) {
                driftMeasures = v;
                return this;
            }

            public Builder metrics(LiveMetrics v) {
                metrics = v;
                return this;
            }

            public Builder lateRows(long v) {
                lateRows = v;
                return this;
            }

            public Builder pendingLate(List<Instant> v) {
                pendingLate = v;
                return this;
            }

            public Status build() {
                return new Status(featureStats, currentStats, firstRequest, lastRequest, errorCount, driftStatus,
                        driftMeasures, metrics, lateRows, pendingLate);
            }
        }
    }
}
