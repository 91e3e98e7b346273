package io.driftwatch.server.metrics;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.server.Backend;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The gauge {@code driftwatch_feature_drift} (labels {@code project}, {@code endpoint_id}, {@code model},
 * {@code feature}): per feature of the latest analysed window, (TVD + Hellinger) / 2 from the endpoint record's
 * {@code drift_measures} — the value histogram-data-drift logs in {@code features_drift_results} and the UI's
 * feature × window heat map shows. Cardinality: at most {@value #MAX_FEATURES} features per endpoint (the first in
 * record order), label values clamped like every other label; gauges of vanished features are removed. Cost: no
 * store read beyond the endpoint list (the measures are on the record).
 */
final class FeatureDriftGauges {
    /** Features exported per endpoint at most. */
    static final int MAX_FEATURES = 200;
    private final MeterRegistry registry;
    private final Map<Tags, Holder> holders = new HashMap<>();

    FeatureDriftGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called under the scrape lock. */
    void refresh(Backend backend) {
        Set<Tags> seen = new HashSet<>();
        for (String project : backend.projects().projects()) {
            for (ModelEndpoint ep : backend.endpoints().list(project, EndpointFilter.ALL)) {
                int n = 0;
                for (Map.Entry<String, Object> e : ep.status().driftMeasures().entrySet()) {
                    Double v = drift(e.getValue());
                    if (v == null || n++ >= MAX_FEATURES) {
                        continue;
                    }
                    Tags tags = Tags.of("project", clamp(project), "endpoint_id", clamp(ep.uid()),
                            "model", clamp(ep.spec().model() == null ? "" : ep.spec().model()), "feature", clamp(e.getKey()));
                    seen.add(tags);
                    holders.computeIfAbsent(tags, this::register).value = v;
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

    /** (tvd + hellinger) / 2 of a per-feature measures map, or null (e.g. the *_mean entries). */
    static Double drift(Object measures) {
        if (measures instanceof Map<?, ?> m && m.get("tvd") instanceof Number t && m.get("hellinger") instanceof Number h
                && Double.isFinite(t.doubleValue()) && Double.isFinite(h.doubleValue())) {
            return (t.doubleValue() + h.doubleValue()) / 2;
        }
        return null;
    }

    static String clamp(String v) {
        return v.length() <= ServerMetrics.MAX_LABEL ? v : v.substring(0, ServerMetrics.MAX_LABEL);
    }

    private Holder register(Tags tags) {
        Holder h = new Holder();
        h.gauge = Gauge.builder("driftwatch.feature.drift", h, x -> x.value).tags(tags).strongReference(true)
                .description("Per-feature drift of the latest window: (TVD + Hellinger) / 2").register(registry);
        return h;
    }

    private static final class Holder {
        volatile double value;
        Gauge gauge;
    }
}
