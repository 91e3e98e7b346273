package io.driftwatch.engine.alerts;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.alerts.AlertConfig.Threshold;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises {@code system-performance-detected} from alerts' {@code trigger.thresholds}: per alert, per endpoint its
 * entities match, per threshold, the metric over {@code [now − window, now)} of the endpoint's time-series
 * {@code predictions} and {@code errors} (by the injected clock). An event is raised when the metric goes above the
 * threshold (edge-triggered: not again while it stays above; re-armed once it is at or below); with fewer than
 * {@code min_requests} requests in the window the state is left as it was. The event goes to the alert that owns
 * the threshold only. Cost per pass: two time-series range queries per (alert, endpoint, threshold).
 */
final class ThresholdEvaluator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdEvaluator.class);
    static final String APP = "system-performance";

    private final ProjectStore projects;
    private final EndpointStore endpoints;
    private final TimeSeriesStore timeSeries;
    private final Clock clock;
    private final Duration interval;
    private final Set<List<String>> breached = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    ThresholdEvaluator(ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries, Clock clock,
                       Duration interval) {
        this.projects = projects;
        this.endpoints = endpoints;
        this.timeSeries = timeSeries;
        this.clock = clock;
        this.interval = interval;
    }

    /** One pass; {@code configs} gives a project's alerts, {@code sink} receives (alert, event). */
    synchronized int evaluate(Function<String, List<AlertConfig>> configs, BiConsumer<AlertConfig, EngineEvent> sink) {
        if (projects == null || endpoints == null || timeSeries == null) {
            return 0;
        }
        int raised = 0;
        for (String project : projects.projects()) {
            List<AlertConfig> withThresholds = configs.apply(project).stream()
                    .filter(c -> !c.trigger().thresholds().isEmpty()).toList();
            if (withThresholds.isEmpty()) {
                continue;
            }
            List<ModelEndpoint> eps = endpoints.list(project, EndpointFilter.ALL);
            for (AlertConfig c : withThresholds) {
                for (ModelEndpoint ep : eps) {
                    raised += evaluate(c, ep, sink);
                }
            }
        }
        return raised;
    }

    private int evaluate(AlertConfig c, ModelEndpoint ep, BiConsumer<AlertConfig, EngineEvent> sink) {
        String uid = ep.metadata().uid();
        int raised = 0;
        for (Threshold t : c.trigger().thresholds()) {
            String entityId = uid + "." + APP + ".result." + t.metric().wire();
            if (!c.entities().matches(EngineEvent.ENTITY_RESULT, entityId)) {
                continue;
            }
            Instant now = clock.instant();
            Instant start = now.minus(t.window());
            List<Prediction> preds = timeSeries.predictions(c.project(), uid, start, now);
            List<ErrorEvent> errors = timeSeries.errors(c.project(), uid, start, now);
            int requests = preds.size() + errors.size();
            double value = t.metric().compute(preds, errors);
            if (requests < t.minRequests() || Double.isNaN(value)) {
                continue;
            }
            List<String> key = List.of(c.project(), c.name(), uid, t.metric().wire(), Double.toString(t.above()));
            if (value <= t.above()) {
                breached.remove(key);
            } else if (breached.add(key)) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("model_endpoint_id", uid);
                v.put("model", ep.spec().model());
                v.put("metric", t.metric().wire());
                v.put("value", value);
                v.put("threshold", t.above());
                v.put("window", AlertDurations.format(t.window()));
                v.put("requests", requests);
                v.put("start", start.toString());
                v.put("end", now.toString());
                sink.accept(c, new EngineEvent(EventKinds.SYSTEM_PERFORMANCE_DETECTED, c.project(),
                        EngineEvent.ENTITY_RESULT, entityId, v, now));
                raised++;
            }
        }
        return raised;
    }

    /** Drops the breach state of a deleted alert. */
    void forget(String project, String alert) {
        breached.removeIf(k -> k.get(0).equals(project) && k.get(1).equals(alert));
    }

    synchronized void start(Function<String, List<AlertConfig>> configs, BiConsumer<AlertConfig, EngineEvent> sink) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-thresholds");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                evaluate(configs, sink);
            } catch (RuntimeException e) {
                LOG.warn("threshold evaluation failed (retried in {}): {}", interval, e.toString(), e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
