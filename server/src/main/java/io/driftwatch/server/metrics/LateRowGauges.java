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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code driftwatch_late_rows} per endpoint (labels {@code project}, {@code endpoint_id}, {@code model}):
 * the record's {@code status.late_rows}, rows that arrived after their window was analysed, read from the endpoint
 * store at scrape time (so it survives restarts); gauges of deleted endpoints are removed.
 */
final class LateRowGauges {
    private final MeterRegistry registry;
    private final Map<Tags, Holder> holders = new HashMap<>();

    LateRowGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called under the scrape lock. */
    void refresh(Backend backend) {
        Set<Tags> seen = new HashSet<>();
        for (String project : backend.projects().projects()) {
            for (ModelEndpoint ep : backend.endpoints().list(project, EndpointFilter.ALL)) {
                Tags tags = Tags.of("project", project, "endpoint_id", ep.uid(),
                        "model", ep.spec().model() == null ? "" : ep.spec().model());
                seen.add(tags);
                holders.computeIfAbsent(tags, this::register).value.set(ep.status().lateRows());
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

    private Holder register(Tags tags) {
        Holder h = new Holder();
        h.gauge = Gauge.builder("driftwatch.late.rows", h.value, AtomicLong::get).tags(tags).strongReference(true)
                .description("Rows that arrived after their window was analysed").register(registry);
        return h;
    }

    private static final class Holder {
        final AtomicLong value = new AtomicLong();
        Gauge gauge;
    }
}
