package io.driftwatch.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.engine.apps.ModelPerformanceApp;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.Backend;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Model performance per endpoint (issue 20), from the results of the built-in {@code model-performance} app (any
 * app registered with its class counts too), read at scrape time. Labels {@code project}, {@code endpoint_id},
 * {@code model}, {@code application}, plus {@code metric} on the first four:
 * <ul>
 *   <li>{@code driftwatch_performance_realized}: the newest realized value of each metric ({@code accuracy},
 *   {@code f1_macro}, … {@code mae}, {@code r2}) — from the newest window that had labels;</li>
 *   <li>{@code driftwatch_performance_estimated}, {@code driftwatch_performance_estimated_lower},
 *   {@code driftwatch_performance_estimated_upper}: the newest CBPE estimate and its band (metric without the
 *   {@code estimated_} prefix);</li>
 *   <li>{@code driftwatch_label_coverage}: the share of the newest analysed window's rows that have a label.</li>
 * </ul>
 * Gauges of vanished series are removed. Cost: one {@code latestAppResults} and one {@code latestAppMetrics} query
 * per endpoint per scrape.
 */
final class PerformanceGauges {
    static final String REALIZED = "driftwatch.performance.realized";
    static final String ESTIMATED = "driftwatch.performance.estimated";
    static final String LOWER = "driftwatch.performance.estimated.lower";
    static final String UPPER = "driftwatch.performance.estimated.upper";
    static final String COVERAGE = "driftwatch.label.coverage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MeterRegistry registry;
    private final Map<Key, Holder> holders = new HashMap<>();

    private record Key(String name, Tags tags) {
    }

    PerformanceGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called under the scrape lock. */
    void refresh(Backend backend) {
        Set<Key> seen = new HashSet<>();
        for (String project : backend.projects().projects()) {
            Set<String> apps = apps(backend, project);
            for (ModelEndpoint ep : backend.endpoints().list(project, EndpointFilter.ALL)) {
                Tags base = Tags.of("project", FeatureDriftGauges.clamp(project),
                        "endpoint_id", FeatureDriftGauges.clamp(ep.uid()),
                        "model", FeatureDriftGauges.clamp(ep.spec().model() == null ? "" : ep.spec().model()));
                for (TimeSeriesRecords.AppResult r : backend.timeSeries().latestAppResults(project, ep.uid())) {
                    if (apps.contains(r.application()) && r.kind() == ResultKind.MODEL_PERFORMANCE) {
                        result(base.and("application", r.application()), r, seen);
                    }
                }
                for (TimeSeriesRecords.AppMetric m : backend.timeSeries().latestAppMetrics(project, ep.uid())) {
                    if (apps.contains(m.application()) && m.name().equals(ModelPerformanceApp.LABEL_COVERAGE)) {
                        set(COVERAGE, base.and("application", m.application()), m.value(), seen);
                    }
                }
            }
        }
        holders.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().gauge);
            return true;
        });
    }

    /** The names under which model-performance runs for {@code project} (always its default name). */
    private static Set<String> apps(Backend backend, String project) {
        Set<String> out = new HashSet<>(Set.of(ModelPerformanceApp.NAME));
        if (backend.apps() != null) {
            backend.apps().list(project).stream()
                    .filter(a -> ModelPerformanceApp.class.getName().equals(a.className()))
                    .forEach(a -> out.add(a.name()));
        }
        return out;
    }

    private void result(Tags tags, TimeSeriesRecords.AppResult r, Set<Key> seen) {
        if (!r.name().startsWith(ModelPerformanceApp.ESTIMATED_PREFIX)) {
            set(REALIZED, tags.and("metric", r.name()), r.value(), seen);
            return;
        }
        Tags t = tags.and("metric", r.name().substring(ModelPerformanceApp.ESTIMATED_PREFIX.length()));
        set(ESTIMATED, t, r.value(), seen);
        JsonNode extra = extra(r.extraDataJson());
        if (extra.path("lower").isNumber() && extra.path("upper").isNumber()) {
            set(LOWER, t, extra.get("lower").asDouble(), seen);
            set(UPPER, t, extra.get("upper").asDouble(), seen);
        }
    }

    private void set(String name, Tags tags, double value, Set<Key> seen) {
        Key k = new Key(name, tags);
        seen.add(k);
        holders.computeIfAbsent(k, this::register).value = value;
    }

    private static JsonNode extra(String json) {
        if (json == null || json.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private Holder register(Key k) {
        Holder h = new Holder();
        h.gauge = Gauge.builder(k.name(), h, x -> x.value).tags(k.tags()).strongReference(true)
                .description(description(k.name())).register(registry);
        return h;
    }

    private static String description(String name) {
        return switch (name) {
            case REALIZED -> "Newest realized model-performance metric (from labels)";
            case ESTIMATED -> "Newest estimated model-performance metric (CBPE, without labels)";
            case LOWER -> "Lower bound of the newest estimate's band";
            case UPPER -> "Upper bound of the newest estimate's band";
            default -> "Share of the newest analysed window's rows that have a label";
        };
    }

    private static final class Holder {
        volatile double value;
        Gauge gauge;
    }
}
