package io.driftwatch.engine.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.AppOutput;
import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Result;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.stats.json.FeatureStatsJson;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class DefaultMonitoringWriter implements MonitoringWriter {
    static final String GENERAL_DRIFT = "general_drift";
    /** The built-in drift app whose {@code general_drift} is recorded on the endpoint (its registry name). */
    static final String DRIFT_APP = "histogram-data-drift";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMonitoringWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock;
    private final TimeSeriesStore timeSeries;
    private final EndpointStore endpoints;
    private final EngineEventListener events;

    DefaultMonitoringWriter(Clock clock, TimeSeriesStore timeSeries, EndpointStore endpoints,
                            EngineEventListener events) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeSeries = Objects.requireNonNull(timeSeries, "timeSeries");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public int write(WindowTask t, AppOutput output) {
        Instant end = t.endInferTime();
        Instant after = end.plusNanos(1);
        // an output equal to the window's current one is a replay (skipped); a different one replaces it (a window
        // analysed again for late rows), the earlier version staying in the history
        Set<AppResult> storedResults = Set.copyOf(timeSeries.appResults(t.project(), t.endpointId(),
                t.applicationName(), null, end, after));
        Set<AppMetric> storedMetrics = Set.copyOf(timeSeries.appMetrics(t.project(), t.endpointId(),
                t.applicationName(), null, end, after));
        List<Result> newResults = output.results().stream().filter(r -> !storedResults.contains(toRow(t, r))).toList();
        List<Metric> newMetrics = output.metrics().stream().filter(m -> !storedMetrics.contains(metricRow(t, m)))
                .toList();
        boolean patchEndpoint = isGeneralDrift(t) && newResults.stream().anyMatch(r -> r.name().equals(GENERAL_DRIFT))
                && !newerDriftStored(t);
        if (!newResults.isEmpty()) {
            timeSeries.writeAppResults(newResults.stream().map(r -> toRow(t, r)).toList());
        }
        if (!newMetrics.isEmpty()) {
            timeSeries.writeAppMetrics(newMetrics.stream().map(m -> metricRow(t, m)).toList());
        }
        Optional<ModelEndpoint> ep = Optional.empty();
        if (patchEndpoint) {
            ep = newResults.stream().filter(r -> r.name().equals(GENERAL_DRIFT)).findFirst()
                    .flatMap(r -> patchEndpoint(t, r));
        }
        if (ep.isEmpty() && !newResults.isEmpty()) { // the patched record already names the model
            ep = endpoints.get(t.project(), t.endpointId());
        }
        for (Result r : newResults) {
            raise(t, r, ep.map(e -> e.spec().model()).orElse(null));
        }
        return newResults.size() + newMetrics.size();
    }

    private static boolean isGeneralDrift(WindowTask t) {
        return t.applicationName().equals(DRIFT_APP);
    }

    private boolean newerDriftStored(WindowTask t) {
        return timeSeries.latestAppResults(t.project(), t.endpointId()).stream()
                .anyMatch(r -> r.application().equals(t.applicationName()) && r.name().equals(GENERAL_DRIFT)
                        && r.windowEnd().isAfter(t.endInferTime()));
    }

    private static AppMetric metricRow(WindowTask t, Metric m) {
        return new AppMetric(t.project(), t.endpointId(), t.applicationName(), t.startInferTime(), t.endInferTime(),
                m.name(), m.value());
    }

    private static AppResult toRow(WindowTask t, Result r) {
        String extra;
        try {
            extra = JSON.writeValueAsString(r.extraData());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("extra_data of result '" + r.name() + "' is not JSON-serialisable", e);
        }
        return new AppResult(t.project(), t.endpointId(), t.applicationName(), t.startInferTime(), t.endInferTime(),
                r.name(), r.value(), r.kind(), r.status(), extra);
    }

    /** Records the drift on the endpoint; the updated record, empty when the endpoint is gone. */
    private Optional<ModelEndpoint> patchEndpoint(WindowTask t, Result r) {
        Optional<ModelEndpoint> updated = endpoints.update(t.project(), t.endpointId(), ep -> withDrift(ep, r));
        if (updated.isEmpty()) {
            LOG.warn("writer: endpoint {}/{} is gone, drift status not recorded", t.project(), t.endpointId());
        }
        return updated;
    }

    private static ModelEndpoint withDrift(ModelEndpoint ep, Result r) {
        Map<String, Object> extra = r.extraData();
        FeatureStats currentStats = extra.get("current_stats") instanceof Map<?, ?> m
                ? FeatureStatsJson.fromMap(stringKeys(m)) : ep.status().currentStats();
        Map<String, Object> measures = extra.get("drift_measures") instanceof Map<?, ?> m
                ? stringKeys(m) : ep.status().driftMeasures();
        return ep.withStatus(ep.status().toBuilder().currentStats(currentStats).driftStatus(r.status())
                .driftMeasures(measures).build());
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private void raise(WindowTask t, Result r, String model) {
        String suffix = r.status() == ResultStatus.DETECTED ? "detected"
                : r.status() == ResultStatus.POTENTIAL_DETECTION ? "suspected" : null;
        if (suffix == null) {
            return;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("app_name", t.applicationName());
        value.put("model", model);
        value.put("model_endpoint_id", t.endpointId());
        value.put("result_name", r.name());
        value.put("result_value", r.value());
        value.put("result_status", r.status().code());
        value.put("start_infer_time", t.startInferTime().toString());
        value.put("end_infer_time", t.endInferTime().toString());
        String id = t.endpointId() + "." + t.applicationName() + ".result." + r.name();
        EventPublisher.publish(events, new EngineEvent(r.kind().eventPrefix() + "-" + suffix, t.project(),
                EngineEvent.ENTITY_RESULT, id, value, clock.instant()));
    }
}
