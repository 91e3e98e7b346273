package io.driftwatch.engine.alerts;

import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Operational metrics of one endpoint over a window of its time-series rows: latency of prediction events (one
 * value per request, however many rows it carried) and errors (model errors and data-processing errors). A request
 * is a prediction event or an error event. Percentiles use the nearest-rank method (p99 of 100 requests is the
 * 99th smallest); cost O(n log n) for n requests in the window.
 */
public enum ThresholdMetric {
    LATENCY_AVG_MS, LATENCY_P50_MS, LATENCY_P90_MS, LATENCY_P95_MS, LATENCY_P99_MS, ERROR_RATE, ERROR_COUNT;

    /** The name in alert configs, e.g. {@code latency_p99_ms}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named {@code wire}, or an exception listing the names. */
    public static ThresholdMetric parse(String wire) {
        for (ThresholdMetric m : values()) {
            if (m.wire().equals(wire)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + wire + "', expected one of "
                + Arrays.stream(values()).map(ThresholdMetric::wire).toList());
    }

    /** The metric's value over the rows; NaN when it is undefined (latency without predictions). */
    public double compute(List<Prediction> predictions, List<ErrorEvent> errors) {
        return switch (this) {
            case ERROR_COUNT -> errors.size();
            case ERROR_RATE -> predictions.isEmpty() && errors.isEmpty() ? Double.NaN
                    : (double) errors.size() / (predictions.size() + errors.size());
            case LATENCY_AVG_MS -> predictions.stream().mapToLong(Prediction::latencyMicros).average()
                    .orElse(Double.NaN) / 1000.0;
            case LATENCY_P50_MS -> percentileMs(predictions, 50);
            case LATENCY_P90_MS -> percentileMs(predictions, 90);
            case LATENCY_P95_MS -> percentileMs(predictions, 95);
            case LATENCY_P99_MS -> percentileMs(predictions, 99);
        };
    }

    static double percentileMs(List<Prediction> predictions, int p) {
        if (predictions.isEmpty()) {
            return Double.NaN;
        }
        long[] v = predictions.stream().mapToLong(Prediction::latencyMicros).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(rank, 1) - 1] / 1000.0;
    }
}
