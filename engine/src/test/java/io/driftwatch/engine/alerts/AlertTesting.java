package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers of the alert tests. */
final class AlertTesting {
    /** Tests post to servers on the loopback interface. */
    static final OutboundPolicy LOCAL = OutboundPolicy.allowing(List.of("127.0.0.1/32"));
    static final Dispatcher.Options FAST = new Dispatcher.Options(3, Duration.ofMillis(20), Duration.ofMillis(80), 64);

    private AlertTesting() {
    }

    static AlertEngine engine(AlertStore store, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore ts,
                              Clock clock, Notifier... notifiers) {
        Map<String, Notifier> byKind = new HashMap<>();
        for (Notifier n : notifiers) {
            byKind.put(n.kind(), n);
        }
        return new DefaultAlertEngine(store, projects, endpoints, ts, clock, AlertEngine.Options.defaults().withOutbound(LOCAL),
                new Dispatcher(byKind, FAST, clock));
    }

    /** A config from JSON text with {@code 'quotes'} for readability. */
    static AlertConfig config(String project, String name, String json) {
        try {
            return AlertConfigJson.parse(project, name,
                    AlertConfigJson.MAPPER.readTree(json.replace('\'', '"')));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) AlertConfigJson.MAPPER.readTree(json.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static EngineEvent drift(String project, String uid, String kind, Instant time) {
        return new EngineEvent(kind, project, EngineEvent.ENTITY_RESULT, uid + ".histogram-data-drift.result.general_drift",
                Map.of("model_endpoint_id", uid, "result_value", 0.8), time);
    }
}
