package io.driftwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a {@link MonitoringApplication} returns for one endpoint-window: results and metrics, possibly none. */
public record AppOutput(List<Result> results, List<Metric> metrics) {
    private static final AppOutput NONE = new AppOutput(List.of(), List.of());

    public AppOutput {
        results = List.copyOf(results);
        metrics = List.copyOf(metrics);
    }

    public static AppOutput none() {
        return NONE;
    }

    public static AppOutput of(Result... results) {
        return new AppOutput(List.of(results), List.of());
    }

    public static AppOutput of(List<Result> results, List<Metric> metrics) {
        return new AppOutput(results, metrics);
    }

    /** Metrics from a name → value map (MLRun's {@code dict[str, float]} return). */
    public static AppOutput metrics(Map<String, ? extends Number> values) {
        List<Metric> list = new ArrayList<>();
        values.forEach((k, v) -> list.add(new Metric(k, v.doubleValue())));
        return new AppOutput(List.of(), list);
    }

    public boolean isEmpty() {
        return results.isEmpty() && metrics.isEmpty();
    }
}
