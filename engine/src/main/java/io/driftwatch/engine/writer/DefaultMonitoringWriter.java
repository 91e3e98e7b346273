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
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.stats.json.FeatureStatsJson;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
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
        Batch b = batch();
        b.add(null, t, output);
        return b.flush();
    }

    @Override
    public Batch batch() {
        return new WriteBatch(this);
    }

    /**
     * Writes one project's buffered outputs: an output equal to the window's current one is a replay (skipped); a
     * different one replaces it (a window analysed again for late rows), the earlier version staying in the history.
     */
    int flush(String project, List<WriteBatch.Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        WriteBatch.Plan plan = new WriteBatch.Plan();
        Set<String> uids = WriteBatch.uids(entries);
        timeSeries.latestResultEnds(project, uids).forEach(r -> plan.latestResults.merge(
                WriteBatch.Plan.key(r.uid(), r.application(), r.name()), r.windowEnd(), (a, b) -> a));
        timeSeries.latestMetricEnds(project, uids).forEach(m -> plan.latestMetrics.merge(
                WriteBatch.Plan.key(m.uid(), m.application(), m.name()), m.windowEnd(), (a, b) -> a));
        for (WriteBatch.Entry e : entries) {
            planEntry(plan, e);
        }
        if (!plan.results.isEmpty() || !plan.metrics.isEmpty()) {
            timeSeries.writeAppOutputs(plan.results, plan.metrics);
        }
        if (!plan.drift.isEmpty()) {
            endpoints.recordDrift(List.copyOf(plan.drift.values()));
        }
        Map<String, Optional<ModelEndpoint>> read = new HashMap<>();
        for (Map.Entry<WriteBatch.Entry, Result> r : plan.raised) {
            WriteBatch.Entry e = r.getKey();
            String model = (e.endpoint() != null ? Optional.of(e.endpoint()) : read.computeIfAbsent(
                    e.task().endpointId(), uid -> endpoints.get(project, uid))).map(x -> x.spec().model()).orElse(null);
            raise(e.task(), r.getValue(), model);
        }
        return plan.results.size() + plan.metrics.size();
    }

    /**
     * An output ready for the batch: each result's row (extra_data serialized now) and, for the drift app's
     * {@code general_drift}, the endpoint drift it records; the results kept without their extra_data.
     */
    WriteBatch.Entry prepare(ModelEndpoint endpoint, WindowTask t, AppOutput output) {
        List<WriteBatch.Out> results = new java.util.ArrayList<>(output.results().size());
        for (Result r : output.results()) {
            DriftUpdate drift = isGeneralDrift(t) && r.name().equals(GENERAL_DRIFT)
                    ? driftUpdate(endpoint, t, r).orElse(null) : null;
            results.add(new WriteBatch.Out(new Result(r.name(), r.value(), r.kind(), r.status()), toRow(t, r), drift));
        }
        return new WriteBatch.Entry(endpoint, t, results, output.metrics());
    }

    private void planEntry(WriteBatch.Plan plan, WriteBatch.Entry e) {
        WindowTask t = e.task();
        Instant end = t.endInferTime();
        boolean newerDrift = isGeneralDrift(t) && !plan.resultUnseen(t.endpointId(), t.applicationName(),
                GENERAL_DRIFT, end.plusNanos(1));
        Set<AppResult> storedResults = null;
        Set<AppMetric> storedMetrics = null;
        for (WriteBatch.Out out : e.results()) {
            AppResult row = out.row();
            if (!plan.resultUnseen(t.endpointId(), t.applicationName(), row.name(), end)) {
                storedResults = storedResults != null ? storedResults : Set.copyOf(timeSeries.appResults(
                        t.project(), t.endpointId(), t.applicationName(), null, end, end.plusNanos(1)));
                if (storedResults.contains(row)) {
                    continue;
                }
            }
            plan.planned(row);
            plan.raised.add(Map.entry(e, out.result()));
            if (out.drift() != null && !newerDrift) {
                plan.drift.put(t.endpointId(), out.drift());
            }
        }
        for (Metric m : e.metrics()) {
            AppMetric row = metricRow(t, m);
            if (!plan.metricUnseen(t.endpointId(), t.applicationName(), m.name(), end)) {
                storedMetrics = storedMetrics != null ? storedMetrics : Set.copyOf(timeSeries.appMetrics(
                        t.project(), t.endpointId(), t.applicationName(), null, end, end.plusNanos(1)));
                if (storedMetrics.contains(row)) {
                    continue;
                }
            }
            plan.planned(row);
        }
    }

    private static boolean isGeneralDrift(WindowTask t) {
        return t.applicationName().equals(DRIFT_APP);
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

    /**
     * The drift to record on the endpoint: {@code current_stats} and {@code drift_measures} from the result's
     * extra_data, else the endpoint's as stored now (the entry's record may be one the controller cached, whose
     * drift fields are older); empty when the endpoint is gone.
     */
    private Optional<DriftUpdate> driftUpdate(ModelEndpoint endpoint, WindowTask t, Result r) {
        Map<String, Object> extra = r.extraData();
        boolean complete = extra.get("current_stats") instanceof Map<?, ?> && extra.get("drift_measures") instanceof Map<?, ?>;
        Optional<ModelEndpoint> ep = complete ? Optional.ofNullable(endpoint)
                : endpoints.get(t.project(), t.endpointId());
        if (!complete && ep.isEmpty()) {
            LOG.warn("writer: endpoint {}/{} is gone, drift status not recorded", t.project(), t.endpointId());
            return Optional.empty();
        }
        FeatureStats currentStats = extra.get("current_stats") instanceof Map<?, ?> m
                ? FeatureStatsJson.fromMap(stringKeys(m)) : ep.get().status().currentStats();
        Map<String, Object> measures = extra.get("drift_measures") instanceof Map<?, ?> m
                ? stringKeys(m) : ep.get().status().driftMeasures();
        EndpointStore.StatsSource source = extra.get("current_stats") instanceof Map<?, ?>
                ? new EndpointStore.StatsSource(t.applicationName(), r.name(), t.endInferTime()) : null;
        return Optional.of(new DriftUpdate(t.project(), t.endpointId(), r.status(), measures, currentStats, source));
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
