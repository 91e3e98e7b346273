package io.driftwatch.serving.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tracked request before encoding (DESIGN §3). Built on the request path; encoded to JSON on the tracker thread.
 *
 * @param modelClass  the model class name ({@code class})
 * @param model       the served model name
 * @param version     the model version, or null
 * @param functionUri {@code project/function[:tag]}
 * @param labels      endpoint labels
 * @param requestId   the request id (the client's, or generated); also the response id
 * @param inputs      the input rows, or null when the request could not be parsed
 * @param outputs     the output rows; null for an error event
 * @param when        request start
 * @param respondedAt response time ({@code resp.timestamp}); null for an error event
 * @param microsec    whole latency in µs; ignored for an error event
 * @param error       the error message; null for a successful request
 */
public record TrackingEvent(String modelClass, String model, String version, String functionUri,
        Map<String, String> labels, String requestId, List<Object> inputs, List<Object> outputs, Instant when,
        Instant respondedAt, long microsec, String error) {

    public TrackingEvent {
        Objects.requireNonNull(modelClass, "modelClass");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(functionUri, "functionUri");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(when, "when");
        labels = Map.copyOf(labels);
        if (error == null && (outputs == null || inputs == null || respondedAt == null)) {
            throw new IllegalArgumentException("a successful event needs inputs, outputs and a response time");
        }
    }

    /** A successful inference. */
    public static TrackingEvent success(String modelClass, String model, String version, String functionUri,
            Map<String, String> labels, String requestId, List<Object> inputs, List<Object> outputs, Instant when,
            Instant respondedAt, long microsec) {
        return new TrackingEvent(modelClass, model, version, functionUri, labels, requestId, inputs, outputs, when,
                respondedAt, microsec, null);
    }

    /** A failed request: carries {@code error}, no {@code resp} and no {@code microsec}. */
    public static TrackingEvent failure(String modelClass, String model, String version, String functionUri,
            Map<String, String> labels, String requestId, List<Object> inputs, Instant when, String error) {
        return new TrackingEvent(modelClass, model, version, functionUri, labels, requestId, inputs, null, when,
                null, 0, Objects.requireNonNull(error, "error"));
    }

    /** An empty builder; {@link Builder#build()} applies the constructor's checks. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this event's fields, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().modelClass(modelClass).model(model).version(version).functionUri(functionUri)
                .labels(labels).requestId(requestId).inputs(inputs).outputs(outputs).when(when)
                .respondedAt(respondedAt).microsec(microsec).error(error);
    }

    /** Whether this is an error event. */
    public boolean isError() {
        return error != null;
    }

    /** Builds a {@link TrackingEvent} by field name (labels default to none). */
    public static final class Builder {
        private String modelClass;
        private String model;
        private String version;
        private String functionUri;
        private Map<String, String> labels = Map.of();
        private String requestId;
        private List<Object> inputs;
        private List<Object> outputs;
        private Instant when;
        private Instant respondedAt;
        private long microsec;
        private String error;

        private Builder() {
        }

        public Builder modelClass(String v) {
            modelClass = v;
            return this;
        }

        public Builder model(String v) {
            model = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder functionUri(String v) {
            functionUri = v;
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels = v;
            return this;
        }

        public Builder requestId(String v) {
            requestId = v;
            return this;
        }

        public Builder inputs(List<Object> v) {
            inputs = v;
            return this;
        }

        public Builder outputs(List<Object> v) {
            outputs = v;
            return this;
        }

        public Builder when(Instant v) {
            when = v;
            return this;
        }

        public Builder respondedAt(Instant v) {
            respondedAt = v;
            return this;
        }

        public Builder microsec(long v) {
            microsec = v;
            return this;
        }

        public Builder error(String v) {
            error = v;
            return this;
        }

        public TrackingEvent build() {
            return new TrackingEvent(modelClass, model, version, functionUri, labels, requestId, inputs, outputs,
                    when, respondedAt, microsec, error);
        }
    }
}
