package io.driftwatch;

/**
 * The operational metrics of an endpoint kept by the stream processor (DESIGN.md §4, MLRun's
 * {@code metrics.generic}). {@code predictionsPerSecond = predictionsCount5m / 300}. Latencies in microseconds.
 */
public record LiveMetrics(double predictionsPerSecond, double latencyAvg5m, double latencyAvg1h,
                          long predictionsCount5m, long predictionsCount1h) {
    public static final LiveMetrics ZERO = new LiveMetrics(0, 0, 0, 0, 0);
}
