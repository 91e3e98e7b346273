package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.alerts.AlertConfig.Criteria;
import io.driftwatch.engine.alerts.AlertConfig.Entities;
import io.driftwatch.engine.alerts.AlertConfig.NotificationSpec;
import io.driftwatch.engine.alerts.AlertConfig.ResetPolicy;
import io.driftwatch.engine.alerts.AlertConfig.Severity;
import io.driftwatch.engine.alerts.AlertConfig.Threshold;
import io.driftwatch.engine.alerts.AlertConfig.Trigger;
import io.driftwatch.engine.event.EngineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON form of {@link AlertConfig} (snake_case, MLRun's field names) and its validation: every rule broken is an
 * {@link InvalidAlertException} naming the field. Unknown fields are refused (a typo must not silently disable a
 * rule), except the read-only ones a GET returns ({@code state}, {@code activations}, ...).
 */
public final class AlertConfigJson {
    /** The mapper used for alert documents. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-]+");
    static final String DEFAULT_SUMMARY = "{{name}}: {{kind}} on {{entity}} (project {{project}})";
    private static final Set<String> FIELDS = Set.of("project", "name", "description", "summary", "severity",
            "entities", "trigger", "criteria", "reset_policy", "notifications", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "state", "count", "created", "updated", "active",
            "activations", "last_activation");
    private static final Set<String> ENTITY_KINDS = Set.of(EngineEvent.ENTITY_RESULT, EngineEvent.ENTITY_APPLICATION);

    private AlertConfigJson() {
    }

    /**
     * Validates and builds a config for {@code project}/{@code name} (the path's); a {@code name} or {@code project}
     * in the body must agree with them.
     */
    public static AlertConfig parse(String project, String name, JsonNode body) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidAlertException("name", "'" + name + "' must match ^[a-zA-Z0-9-]+$");
        }
        ObjectNode o = object(body, "(body)");
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f) && !READ_ONLY.contains(f)) {
                throw new InvalidAlertException(f, "unknown field; expected " + FIELDS);
            }
        }
        agree(o, "name", name, "name");
        agree(o, "project", project, "project");
        Entities entities = entities(object(require(o, "entities"), "entities"), project);
        Trigger trigger = trigger(object(require(o, "trigger"), "trigger"), entities);
        return new AlertConfig(project, name, text(o, "description", ""), text(o, "summary", DEFAULT_SUMMARY),
                choice(o, "severity", Severity.class, Severity.MEDIUM), entities, trigger,
                criteria(o.get("criteria")), choice(o, "reset_policy", ResetPolicy.class, ResetPolicy.AUTO),
                notifications(o.get("notifications")), bool(o.get("enabled"), "enabled", true));
    }

    private static boolean bool(JsonNode n, String field, boolean dflt) {
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new InvalidAlertException(field, "expected true or false, got " + n);
        }
        return n.asBoolean();
    }

    private static Entities entities(ObjectNode e, String project) {
        String kind = text(e, "kind", null);
        if (kind == null || !ENTITY_KINDS.contains(kind)) {
            throw new InvalidAlertException("entities.kind", "expected one of " + ENTITY_KINDS + ", got " + kind);
        }
        agree(e, "project", project, "entities.project");
        JsonNode ids = e.get("ids");
        if (ids == null || !ids.isArray() || ids.size() != 1 || !ids.get(0).isTextual() || ids.get(0).asText().isEmpty()) {
            throw new InvalidAlertException("entities.ids", "expected a list of exactly one non-empty id "
                    + "(an entity id, an endpoint uid, or \"*\")");
        }
        return new Entities(kind, project, ids.get(0).asText());
    }

    private static Trigger trigger(ObjectNode t, Entities entities) {
        List<Threshold> thresholds = thresholds(t.get("thresholds"));
        List<String> events = new ArrayList<>();
        JsonNode ev = t.get("events");
        if (ev != null && !ev.isNull()) {
            if (!ev.isArray()) {
                throw new InvalidAlertException("trigger.events", "expected a list of event kinds, got " + type(ev));
            }
            for (int i = 0; i < ev.size(); i++) {
                String k = ev.get(i).asText();
                if (!ev.get(i).isTextual() || !EventKinds.ALL.contains(k)) {
                    throw new InvalidAlertException("trigger.events[" + i + "]", "unknown event kind '" + k
                            + "', expected one of " + EventKinds.ALL);
                }
                if (!EventKinds.entityKind(k).equals(entities.kind())) {
                    throw new InvalidAlertException("trigger.events[" + i + "]", "'" + k + "' is raised for entity kind "
                            + EventKinds.entityKind(k) + ", not " + entities.kind());
                }
                events.add(k);
            }
        }
        if (!thresholds.isEmpty() && events.isEmpty()) {
            events.add(EventKinds.SYSTEM_PERFORMANCE_DETECTED);
        }
        if (events.isEmpty()) {
            throw new InvalidAlertException("trigger.events", "expected at least one event kind");
        }
        if (!thresholds.isEmpty() && !events.contains(EventKinds.SYSTEM_PERFORMANCE_DETECTED)) {
            throw new InvalidAlertException("trigger.events", "thresholds raise '" + EventKinds.SYSTEM_PERFORMANCE_DETECTED
                    + "': list it among the events");
        }
        return new Trigger(events, thresholds);
    }

    private static List<Threshold> thresholds(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidAlertException("trigger.thresholds", "expected a list, got " + type(node));
        }
        List<Threshold> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String f = "trigger.thresholds[" + i + "]";
            ObjectNode t = object(node.get(i), f);
            ThresholdMetric metric;
            try {
                metric = ThresholdMetric.parse(text(t, "metric", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidAlertException(f + ".metric", e.getMessage());
            }
            JsonNode above = t.get("above");
            if (above == null || !above.isNumber() || !Double.isFinite(above.asDouble()) || above.asDouble() < 0) {
                throw new InvalidAlertException(f + ".above", "expected a finite number >= 0");
            }
            Duration window = t.has("window") ? AlertDurations.parse(t.get("window"), f + ".window", false)
                    : Duration.ofMinutes(5);
            int minRequests = integer(t.get("min_requests"), f + ".min_requests", 1, 1, Integer.MAX_VALUE);
            out.add(new Threshold(metric, above.asDouble(), window, minRequests));
        }
        return out;
    }

    private static Criteria criteria(JsonNode node) {
        if (node == null || node.isNull()) {
            return new Criteria(1, Duration.ofMinutes(10));
        }
        ObjectNode c = object(node, "criteria");
        int count = integer(c.get("count"), "criteria.count", 1, 1, 99);
        JsonNode p = c.get("period");
        Duration period = p == null || p.isNull() ? Duration.ofMinutes(10) : AlertDurations.parse(p, "criteria.period", false);
        return new Criteria(count, period);
    }

    private static List<NotificationSpec> notifications(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidAlertException("notifications", "expected a non-empty list of {kind, params, cooldown_period}");
        }
        List<NotificationSpec> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String f = "notifications[" + i + "]";
            ObjectNode n = object(node.get(i), f);
            ObjectNode spec = n.has("notification") ? object(n.get("notification"), f + ".notification") : n;
            String kind = text(spec, "kind", null);
            Map<String, Object> params = map(spec.get("params"), f + ".params");
            params.putAll(map(spec.get("secret_params"), f + ".secret_params"));
            JsonNode cd = n.get("cooldown_period");
            Duration cooldown = cd == null || cd.isNull() ? Duration.ZERO
                    : AlertDurations.parse(cd, f + ".cooldown_period", true);
            out.add(new NotificationSpec(kind, ChannelParams.validate(kind, params, f), cooldown));
        }
        return out;
    }

    /** The JSON document of a config; with {@code maskSecrets} URLs, header values and passwords are masked. */
    public static ObjectNode toJson(AlertConfig c, boolean maskSecrets) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("project", c.project()).put("name", c.name()).put("description", c.description())
                .put("summary", c.summary()).put("severity", c.severity().wire());
        ObjectNode e = o.putObject("entities").put("kind", c.entities().kind()).put("project", c.entities().project());
        e.putArray("ids").add(c.entities().id());
        ObjectNode t = o.putObject("trigger");
        c.trigger().events().forEach(t.putArray("events")::add);
        ArrayNode th = t.putArray("thresholds");
        for (Threshold x : c.trigger().thresholds()) {
            th.addObject().put("metric", x.metric().wire()).put("above", x.above())
                    .put("window", AlertDurations.format(x.window())).put("min_requests", x.minRequests());
        }
        o.putObject("criteria").put("count", c.criteria().count())
                .put("period", AlertDurations.format(c.criteria().period()));
        o.put("reset_policy", c.resetPolicy().wire()).put("enabled", c.enabled());
        ArrayNode ns = o.putArray("notifications");
        for (NotificationSpec n : c.notifications()) {
            Map<String, Object> params = maskSecrets ? ChannelParams.mask(n.kind(), n.params()) : n.params();
            ObjectNode x = ns.addObject().put("kind", n.kind());
            x.set("params", MAPPER.valueToTree(params));
            x.put("cooldown_period", AlertDurations.format(n.cooldown()));
        }
        return o;
    }

    /** Reads a stored document (written by {@link #toJson} unmasked). */
    public static AlertConfig fromStored(String project, String name, String json) {
        try {
            return parse(project, name, MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert config " + project + "/" + name + " is damaged", e);
        }
    }

    static String type(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode require(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidAlertException(field, "required");
        }
        return n;
    }

    private static ObjectNode object(JsonNode n, String field) {
        if (!(n instanceof ObjectNode o)) {
            throw new InvalidAlertException(field, "expected an object, got " + type(n));
        }
        return o;
    }

    private static void agree(ObjectNode o, String field, String expected, String path) {
        JsonNode n = o.get(field);
        if (n != null && !n.isNull() && !(n.isTextual() && n.asText().equals(expected))) {
            throw new InvalidAlertException(path, "'" + n.asText() + "' differs from '" + expected + "' in the path");
        }
    }

    private static String text(ObjectNode o, String field, String dflt) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw new InvalidAlertException(field, "expected a string, got " + type(n));
        }
        return n.asText();
    }

    private static <E extends Enum<E>> E choice(ObjectNode o, String field, Class<E> type, E dflt) {
        String v = text(o, field, null);
        if (v == null) {
            return dflt;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new InvalidAlertException(field, "'" + v + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static int integer(JsonNode n, String field, int dflt, int min, int max) {
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw new InvalidAlertException(field, "expected an integer in [" + min + ", " + max + "], got " + n);
        }
        return n.asInt();
    }

    private static Map<String, Object> map(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return new LinkedHashMap<>();
        }
        return MAPPER.convertValue(object(n, field), new TypeReference<
                LinkedHashMap<String, Object>>() {
        });
    }
}
