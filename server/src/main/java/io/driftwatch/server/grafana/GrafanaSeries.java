package io.driftwatch.server.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SimpleJson timeserie targets ({@code [{"target": name, "datapoints": [[value, epochMillis], ...]}]}). Points
 * lie on a grid of the query's step aligned to the epoch. From the time-series {@code predictions} table (event
 * time, rows weighted as the live metrics are):
 * <ul>
 *   <li>{@code latency_avg;project;endpoint_id[;window=5m]}: rolling average latency (µs) over the window ending at
 *       each point (points without predictions are omitted); series {@code latency_avg_5m};</li>
 *   <li>{@code predictions_count;project;endpoint_id[;window=5m]}: rolling prediction count;</li>
 *   <li>{@code predictions_per_second;project;endpoint_id[;step=5s]}: predictions per second in each step;</li>
 *   <li>{@code custom_metrics;project;endpoint_id}: each custom metric's mean per step;</li>
 *   <li>{@code endpoints_pps;project}, {@code endpoints_latency;project[;window=1h]} and
 *       {@code endpoints_errors;project}: one series per endpoint (for heat maps, whose dashboards ask
 *       {@code step=15m});</li>
 *   <li>{@code errors;project[;endpoint_id]}: errors per step.</li>
 * </ul>
 * From the Parquet rows: {@code incoming_features;project;endpoint_id} (each numeric feature's mean per step).
 * From the app tables: {@code drift_measures;project;endpoint_id} (histogram-data-drift's tvd_mean, hellinger_mean,
 * kld_mean per window end), {@code result_values} and {@code result_status}
 * ({@code ;project[;endpoint_id][;application][;result][;status]}, one series per endpoint × app × result).
 */
final class GrafanaSeries {
    static final List<String> TARGETS = List.of("latency_avg", "predictions_count", "predictions_per_second",
            "custom_metrics", "endpoints_pps", "endpoints_latency", "endpoints_errors", "errors", "incoming_features",
            "drift_measures", "result_values", "result_status");
    private static final String DRIFT_APP = "histogram-data-drift";
    private final Backend backend;
    private final GrafanaTables tables;

    GrafanaSeries(Backend backend) {
        this.backend = backend;
        this.tables = new GrafanaTables(backend);
    }

    List<ObjectNode> series(GrafanaTarget t) {
        return switch (t.endpoint()) {
            case "latency_avg" -> List.of(rolling(t.allow("project", "endpoint_id", "window", "step"), one(t), true, ""));
            case "predictions_count" -> List.of(rolling(t.allow("project", "endpoint_id", "window", "step"), one(t),
                    false, ""));
            case "predictions_per_second" -> List.of(perSecond(t.allow("project", "endpoint_id", "step"), one(t), ""));
            case "custom_metrics" -> customMetrics(t.allow("project", "endpoint_id", "step"), one(t));
            case "endpoints_pps" -> tables.endpoints(t.allow("project", "step")).stream()
                    .map(ep -> perSecond(t, ep, name(ep))).toList();
            case "endpoints_latency" -> tables.endpoints(t.allow("project", "window", "step")).stream()
                    .map(ep -> rolling(t, ep, true, name(ep))).toList();
            case "endpoints_errors" -> tables.endpoints(t.allow("project", "step")).stream()
                    .map(ep -> errors(t, List.of(ep), name(ep))).toList();
            case "errors" -> List.of(errors(t.allow("project", "endpoint_id", "step"), tables.endpoints(t), "errors"));
            case "incoming_features" -> incomingFeatures(t.allow("project", "endpoint_id", "step"), one(t));
            case "drift_measures" -> driftMeasures(t.allow("project", "endpoint_id"), one(t));
            case "result_values" -> results(t.allow(GrafanaTables.RESULT_PARAMS), false);
            case "result_status" -> results(t.allow(GrafanaTables.RESULT_PARAMS), true);
            default -> throw new IllegalArgumentException(t.endpoint());
        };
    }

    private ModelEndpoint one(GrafanaTarget t) {
        return backend.requireEndpoint(t.require("project"), t.require("endpoint_id"));
    }

    private static String name(ModelEndpoint ep) {
        return ep.spec().model() + " " + ep.uid().substring(0, Math.min(8, ep.uid().length()));
    }

    /**
     * Rolling latency average (µs, row-weighted) or prediction count over {@code window} at each grid point; for the
     * per-endpoint heat map ({@code endpoints_latency}) the window ends at each bucket's end (or the range end), so
     * a bucket shows the traffic up to its end.
     */
    private ObjectNode rolling(GrafanaTarget t, ModelEndpoint ep, boolean latency, String prefix) {
        Duration window = t.duration("window", latency && t.endpoint().equals("endpoints_latency")
                ? Duration.ofHours(1) : Duration.ofMinutes(5));
        List<Prediction> ps = backend.timeSeries().predictions(ep.project(), ep.uid(), t.from().minus(window), t.to());
        String suffix = (latency ? "latency_avg_" : "predictions_count_") + label(window);
        ObjectNode s = series(prefix.isEmpty() ? suffix : prefix);
        boolean atBucketEnd = t.endpoint().equals("endpoints_latency");
        int head = 0;
        int tail = 0;
        double rows = 0;
        double weighted = 0;
        for (long p = first(t); p < t.to().toEpochMilli(); p += t.step().toMillis()) {
            long at = atBucketEnd ? Math.min(p + t.step().toMillis(), t.to().toEpochMilli()) : p;
            while (head < ps.size() && ps.get(head).time().toEpochMilli() <= at) {
                rows += ps.get(head).rows();
                weighted += (double) ps.get(head).latencyMicros() * ps.get(head).rows();
                head++;
            }
            while (tail < head && ps.get(tail).time().toEpochMilli() <= at - window.toMillis()) {
                rows -= ps.get(tail).rows();
                weighted -= (double) ps.get(tail).latencyMicros() * ps.get(tail).rows();
                tail++;
            }
            if (!latency) {
                point(s, rows, p);
            } else if (rows > 0) {
                point(s, weighted / rows, p);
            }
        }
        return s;
    }

    private ObjectNode perSecond(GrafanaTarget t, ModelEndpoint ep, String name) {
        Duration step = t.step();
        List<Prediction> ps = backend.timeSeries().predictions(ep.project(), ep.uid(), t.from(), t.to());
        double[] buckets = new double[points(t)];
        for (Prediction p : ps) {
            buckets[bucket(t, p.time())] += p.rows();
        }
        ObjectNode s = series(name.isEmpty() ? "predictions_per_second" : name);
        for (int i = 0; i < buckets.length; i++) {
            point(s, buckets[i] / (step.toMillis() / 1000.0), first(t) + i * step.toMillis());
        }
        return s;
    }

    private List<ObjectNode> customMetrics(GrafanaTarget t, ModelEndpoint ep) {
        Map<String, double[][]> sums = new TreeMap<>();
        for (Prediction p : backend.timeSeries().predictions(ep.project(), ep.uid(), t.from(), t.to())) {
            int b = bucket(t, p.time());
            p.customMetrics().forEach((k, v) -> {
                double[][] a = sums.computeIfAbsent(k, x -> new double[2][points(t)]);
                a[0][b] += v;
                a[1][b]++;
            });
        }
        List<ObjectNode> out = new ArrayList<>();
        sums.forEach((k, a) -> out.add(bucketMeans(t, k, a)));
        return out;
    }

    private ObjectNode errors(GrafanaTarget t, List<ModelEndpoint> endpoints, String name) {
        double[] counts = new double[points(t)];
        for (ModelEndpoint ep : endpoints) {
            for (ErrorEvent e : backend.timeSeries().errors(ep.project(), ep.uid(), t.from(), t.to())) {
                counts[bucket(t, e.time())]++;
            }
        }
        ObjectNode s = series(name);
        for (int i = 0; i < counts.length; i++) {
            point(s, counts[i], first(t) + i * t.step().toMillis());
        }
        return s;
    }

    private List<ObjectNode> incomingFeatures(GrafanaTarget t, ModelEndpoint ep) {
        SampleFrame frame = backend.samples().read(ep.project(), ep.uid(), new Window(t.from(), t.to()));
        List<String> names = ep.spec().featureNames().isEmpty() ? frame.columnNames() : ep.spec().featureNames();
        List<Instant> times = frame.timestamps();
        List<ObjectNode> out = new ArrayList<>();
        for (String f : names) {
            if (!frame.columnNames().contains(f)) {
                continue;
            }
            double[] v = frame.numeric(f);
            double[][] a = new double[2][points(t)];
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i])) {
                    int b = bucket(t, times.get(i));
                    a[0][b] += v[i];
                    a[1][b]++;
                }
            }
            ObjectNode s = bucketMeans(t, f, a);
            if (!s.path("datapoints").isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private List<ObjectNode> driftMeasures(GrafanaTarget t, ModelEndpoint ep) {
        Map<String, ObjectNode> byName = new TreeMap<>();
        for (AppMetric m : backend.timeSeries().appMetrics(ep.project(), ep.uid(), DRIFT_APP, null, t.from(), t.to())) {
            if (m.name().endsWith("_mean")) {
                point(byName.computeIfAbsent(m.name(), GrafanaSeries::series), m.value(), m.windowEnd().toEpochMilli());
            }
        }
        return List.copyOf(byName.values());
    }

    private List<ObjectNode> results(GrafanaTarget t, boolean status) {
        Map<String, ObjectNode> byName = new TreeMap<>();
        List<AppResult> rs = new ArrayList<>(tables.results(t));
        rs.sort(Comparator.comparing(AppResult::windowEnd));
        boolean oneEndpoint = t.optional("endpoint_id") != null;
        for (AppResult r : rs) {
            String key = (oneEndpoint ? "" : r.uid().substring(0, Math.min(8, r.uid().length())) + " ")
                    + r.application() + "." + r.name();
            point(byName.computeIfAbsent(key, GrafanaSeries::series), status ? r.status().code() : r.value(),
                    r.windowEnd().toEpochMilli());
        }
        return List.copyOf(byName.values());
    }

    private ObjectNode bucketMeans(GrafanaTarget t, String name, double[][] sumsAndCounts) {
        ObjectNode s = series(name);
        for (int i = 0; i < sumsAndCounts[0].length; i++) {
            if (sumsAndCounts[1][i] > 0) {
                point(s, sumsAndCounts[0][i] / sumsAndCounts[1][i], first(t) + i * t.step().toMillis());
            }
        }
        return s;
    }

    private static long first(GrafanaTarget t) {
        long step = t.step().toMillis();
        return Math.floorDiv(t.from().toEpochMilli(), step) * step;
    }

    private static int points(GrafanaTarget t) {
        return (int) Math.ceilDiv(t.to().toEpochMilli() - first(t), t.step().toMillis());
    }

    private static int bucket(GrafanaTarget t, Instant time) {
        int b = (int) ((time.toEpochMilli() - first(t)) / t.step().toMillis());
        return Math.clamp(b, 0, points(t) - 1);
    }

    private static String label(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static ObjectNode series(String name) {
        ObjectNode s = Json.object().put("target", name);
        s.putArray("datapoints");
        return s;
    }

    private static void point(ObjectNode series, double value, long epochMillis) {
        if (Double.isFinite(value)) {
            ((ArrayNode) series.get("datapoints")).addArray().add(value).add(epochMillis);
        }
    }
}
