package io.driftwatch.engine.port;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import java.time.Instant;
import java.util.Map;

/** The rows of the time-series tables. */
public final class TimeSeriesRecords {
    private TimeSeriesRecords() {
    }

    /** One prediction event (a batch event counts its rows in {@code rows}); latency in microseconds. */
    public record Prediction(String project, String uid, Instant time, long latencyMicros, int rows,
                             Map<String, Double> customMetrics) {
        public Prediction {
            customMetrics = customMetrics == null ? Map.of() : Map.copyOf(customMetrics);
        }
    }

    /** One error: a model error reported by the server, or a data-processing error found by the processor. */
    public record ErrorEvent(String project, String uid, Instant time, String kind, String message) {
    }

    /** One application result for one window; {@code extraDataJson} is a JSON object. */
    public record AppResult(String project, String uid, String application, Instant windowStart, Instant windowEnd,
                            String name, double value, ResultKind kind, ResultStatus status, String extraDataJson) {
    }

    /** One application metric for one window. */
    public record AppMetric(String project, String uid, String application, Instant windowStart, Instant windowEnd,
                            String name, double value) {
    }

    /**
     * The window end of the latest app result or metric of an (endpoint, application, name): what the writer's replay
     * check needs, without the value and the extra_data (the {@code general_drift} one is ~9 KB).
     */
    public record LatestEnd(String uid, String application, String name, Instant windowEnd) {
    }
}
