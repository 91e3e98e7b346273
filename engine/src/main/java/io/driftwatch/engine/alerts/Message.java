package io.driftwatch.engine.alerts;

import io.driftwatch.engine.event.EngineEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one notification sends: the alert, the activation and the channel's params (secrets in clear).
 * Templates (summary, webhook body, email subject) use {@code {{var}}} with the variables of {@link #variables()}.
 */
public record Message(AlertConfig alert, AlertActivation activation, Map<String, Object> params) {
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    /**
     * {@code project, name, severity, summary, description, entity, entity_kind, endpoint, kind, count, time,
     * activation_id, value} (the last event's value as JSON), {@code events} (all events as JSON).
     */
    public Map<String, String> variables() {
        Map<String, String> v = templateVariables(alert, activation.events(), activation.endpoints());
        v.put("summary", activation.summary());
        v.put("activation_id", activation.id());
        v.put("time", activation.time().toString());
        v.put("events", ActivationJson.toJson(activation).get("events").toString());
        return v;
    }

    /** The variables known before the activation exists (used to render the summary). */
    public static Map<String, String> templateVariables(AlertConfig alert, List<EngineEvent> events,
                                                        List<String> endpoints) {
        EngineEvent last = events.get(events.size() - 1);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("project", alert.project());
        v.put("name", alert.name());
        v.put("severity", alert.severity().wire());
        v.put("description", alert.description());
        v.put("entity", last.entityId());
        v.put("entity_kind", last.entityKind());
        v.put("endpoint", endpoints.isEmpty() ? "" : String.join(",", endpoints));
        v.put("kind", last.kind());
        v.put("count", Integer.toString(events.size()));
        v.put("value", AlertConfigJson.MAPPER.valueToTree(last.value()).toString());
        return v;
    }

    /** Replaces {@code {{var}}}; unknown variables stay as they are. JSON-escapes values when {@code json}. */
    public static String render(String template, Map<String, String> vars, boolean json) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            String replacement = value == null ? m.group() : json && !"value".equals(m.group(1))
                    && !"events".equals(m.group(1)) ? jsonEscape(value) : value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String jsonEscape(String s) {
        String quoted = AlertConfigJson.MAPPER.getNodeFactory().textNode(s).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
