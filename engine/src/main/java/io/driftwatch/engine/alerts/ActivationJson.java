package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.alerts.AlertActivation.Delivery;
import io.driftwatch.engine.event.EngineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of an {@link AlertActivation} (what the REST API returns and the stores keep):
 * {@code {id, project, alert, severity, summary, reset_policy, entity_kind, entity_id, endpoints, time, state
 * (active|resolved), active (boolean), reset_time, reset_by, ignored_events, events: [{kind, entity_kind, entity_id, time, value}],
 * notifications: [{index, kind, status (pending|sent|failed|skipped_cooldown), attempts, error, time}]}}.
 */
public final class ActivationJson {
    private ActivationJson() {
    }

    public static ObjectNode toJson(AlertActivation a) {
        ObjectNode o = AlertConfigJson.MAPPER.createObjectNode();
        o.put("id", a.id()).put("project", a.project()).put("alert", a.alert()).put("severity", a.severity().wire())
                .put("summary", a.summary()).put("reset_policy", a.resetPolicy().wire())
                .put("entity_kind", a.entityKind()).put("entity_id", a.entityId());
        a.endpoints().forEach(o.putArray("endpoints")::add);
        o.put("time", a.time().toString()).put("state", a.active() ? "active" : "resolved").put("active", a.active())
                .put("reset_time", a.resetTime() == null ? null : a.resetTime().toString())
                .put("reset_by", a.resetBy()).put("ignored_events", a.ignoredEvents());
        ArrayNode ev = o.putArray("events");
        for (EngineEvent e : a.events()) {
            ObjectNode x = ev.addObject().put("kind", e.kind()).put("entity_kind", e.entityKind())
                    .put("entity_id", e.entityId()).put("time", e.time().toString());
            x.set("value", AlertConfigJson.MAPPER.valueToTree(e.value()));
        }
        ArrayNode ns = o.putArray("notifications");
        for (Delivery d : a.notifications()) {
            ns.addObject().put("index", d.index()).put("kind", d.kind())
                    .put("status", d.status().name().toLowerCase(Locale.ROOT)).put("attempts", d.attempts())
                    .put("error", d.error()).put("time", d.time() == null ? null : d.time().toString());
        }
        return o;
    }

    public static String write(AlertActivation a) {
        return toJson(a).toString();
    }

    /** Reads a stored activation document. */
    public static AlertActivation read(String json) {
        try {
            JsonNode o = AlertConfigJson.MAPPER.readTree(json);
            List<String> endpoints = new ArrayList<>();
            o.get("endpoints").forEach(n -> endpoints.add(n.asText()));
            List<EngineEvent> events = new ArrayList<>();
            for (JsonNode e : o.get("events")) {
                Map<String, Object> value = AlertConfigJson.MAPPER.convertValue(e.get("value"),
                        new TypeReference<LinkedHashMap<String, Object>>() {
                        });
                events.add(new EngineEvent(e.get("kind").asText(), o.get("project").asText(),
                        e.get("entity_kind").asText(), e.get("entity_id").asText(), value,
                        Instant.parse(e.get("time").asText())));
            }
            List<Delivery> ds = new ArrayList<>();
            for (JsonNode d : o.get("notifications")) {
                ds.add(new Delivery(d.get("index").asInt(), d.get("kind").asText(),
                        AlertActivation.Status.valueOf(d.get("status").asText().toUpperCase(Locale.ROOT)),
                        d.get("attempts").asInt(), text(d, "error"), time(d, "time")));
            }
            return AlertActivation.builder().id(o.get("id").asText()).project(o.get("project").asText())
                    .alert(o.get("alert").asText())
                    .severity(AlertConfig.Severity.valueOf(o.get("severity").asText().toUpperCase(Locale.ROOT)))
                    .summary(o.get("summary").asText())
                    .resetPolicy(AlertConfig.ResetPolicy.valueOf(
                            o.get("reset_policy").asText().toUpperCase(Locale.ROOT)))
                    .entityKind(o.get("entity_kind").asText()).entityId(o.get("entity_id").asText())
                    .endpoints(endpoints).time(Instant.parse(o.get("time").asText()))
                    .active("active".equals(o.get("state").asText())).resetTime(time(o, "reset_time"))
                    .resetBy(text(o, "reset_by")).events(events).ignoredEvents(o.get("ignored_events").asInt())
                    .notifications(ds).build();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored alert activation is damaged: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String f) {
        JsonNode n = o.get(f);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant time(JsonNode o, String f) {
        String t = text(o, f);
        return t == null ? null : Instant.parse(t);
    }
}
