package io.driftwatch.server.metrics;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.Backend;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The gauges {@code driftwatch_app_result_value} and {@code driftwatch_app_result_status} of every endpoint's latest
 * result per (application, result), read from the time-series store at scrape time; gauges of results that are gone
 * (deleted endpoints) are removed. Cost: one {@code latestAppResults} query per endpoint per scrape.
 */
final class ResultGauges {
    private final MeterRegistry registry;
    private final Map<Tags, Holder> holders = new HashMap<>();

    ResultGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called under the scrape lock. */
    void refresh(Backend backend) {
        Set<Tags> seen = new HashSet<>();
        for (String project : backend.projects().projects()) {
            for (ModelEndpoint ep : backend.endpoints().list(project, EndpointFilter.ALL)) {
                for (TimeSeriesRecords.AppResult r : backend.timeSeries().latestAppResults(project, ep.uid())) {
                    Tags tags = Tags.of("project", project, "endpoint_id", ep.uid(),
                            "model", ep.spec().model() == null ? "" : ep.spec().model(),
                            "application", r.application(), "result", r.name(), "kind", r.kind().wireName());
                    seen.add(tags);
                    Holder h = holders.computeIfAbsent(tags, this::register);
                    h.value = r.value();
                    h.status = r.status().code();
                }
            }
        }
        holders.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().valueGauge);
            registry.remove(e.getValue().statusGauge);
            return true;
        });
    }

    private Holder register(Tags tags) {
        Holder h = new Holder();
        h.valueGauge = Gauge.builder("driftwatch.app.result.value", h, x -> x.value).tags(tags).strongReference(true)
                .description("Value of the latest window's app result").register(registry);
        h.statusGauge = Gauge.builder("driftwatch.app.result.status", h, x -> x.status).tags(tags)
                .strongReference(true)
                .description("Status of the latest window's app result: -1 irrelevant, 0 none, 1 potential, 2 detected")
                .register(registry);
        return h;
    }

    private static final class Holder {
        volatile double value;
        volatile double status;
        Gauge valueGauge;
        Gauge statusGauge;
    }
}
