package io.driftwatch.engine.processor;

import io.driftwatch.EndpointId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The outcome of parsing one stream record (see {@link EventParser}). */
sealed interface ParsedEvent {

    /** Who sent the event: enough to compute the endpoint uid. */
    record Identity(String project, String functionUri, String model, String version, String modelClass,
                    Map<String, String> labels, String uid) {
        Identity(String project, String functionUri, String model, String version, String modelClass,
                 Map<String, String> labels) {
            this(project, functionUri, model, version, modelClass, labels,
                    EndpointId.of(project, functionUri, model, version));
        }
    }

    /**
     * A valid prediction event: rows paired with outputs (the shorter side won), values already converted.
     *
     * @param groundTruth the event's inline labels ({@code y_true}, issue 20) as JSON scalar texts by row index, null
     *                    where a row has none; empty when the event has none
     */
    record Predictions(Identity id, Instant when, String requestId, long latencyMicros, List<Object[]> inputs,
                       List<Object[]> outputs, Map<String, Double> customMetrics, List<String> groundTruth)
            implements ParsedEvent {
        public Predictions {
            groundTruth = groundTruth == null ? List.of() : groundTruth;
        }

        /** An event without inline labels. */
        Predictions(Identity id, Instant when, String requestId, long latencyMicros, List<Object[]> inputs,
                    List<Object[]> outputs, Map<String, Double> customMetrics) {
            this(id, when, requestId, latencyMicros, inputs, outputs, customMetrics, List.of());
        }
    }

    /**
     * An error reported by the model server ({@code error} field).
     *
     * @param when the event's {@code when}, null when missing or invalid
     * @param time {@code when}, else the time the log accepted the record
     */
    record ModelError(Identity id, Instant when, Instant time, String message) implements ParsedEvent {
    }

    /** An event of a known endpoint that could not be processed (kind {@code data_processing}). */
    record Invalid(Identity id, Instant time, String message) implements ParsedEvent {
    }

    /** An event that names no endpoint, or that is not a JSON object at all. */
    record Unattributed(String message, boolean unparseable) implements ParsedEvent {
    }
}
