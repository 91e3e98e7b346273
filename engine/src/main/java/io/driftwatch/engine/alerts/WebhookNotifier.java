package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook: {@code method} (POST) to {@code url} with {@code headers}; the body is the {@code body} template
 * (values JSON-escaped when the content type is JSON, {@code {{value}}} and {@code {{events}}} inserted as JSON) or
 * MLRun's alert body {@code {message, severity, name, project, summary, value, id}} plus {@code activation_id},
 * {@code time}, {@code endpoints} and {@code events}.
 */
final class WebhookNotifier implements Notifier {
    private final HttpPost http;

    WebhookNotifier(Duration timeout, OutboundPolicy policy) {
        this.http = new HttpPost(timeout, policy);
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public void send(Message m) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (m.params().get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        boolean json = headers.entrySet().stream().noneMatch(e -> e.getKey().equalsIgnoreCase("content-type")
                && !e.getValue().toLowerCase(Locale.ROOT).contains("json"));
        String body = m.params().get("body") instanceof String t ? Message.render(t, m.variables(), json)
                : defaultBody(m);
        http.send((String) m.params().getOrDefault("method", "POST"), (String) m.params().get("url"), headers, body);
    }

    static String defaultBody(Message m) {
        var a = m.activation();
        ObjectNode o = AlertConfigJson.MAPPER.createObjectNode();
        o.put("message", a.summary()).put("severity", a.severity().wire()).put("name", a.alert())
                .put("project", a.project()).put("summary", a.summary());
        o.set("value", AlertConfigJson.MAPPER.valueToTree(a.events().get(a.events().size() - 1).value()));
        o.put("id", a.id()).put("activation_id", a.id()).put("time", a.time().toString());
        a.endpoints().forEach(o.putArray("endpoints")::add);
        o.set("events", ActivationJson.toJson(a).get("events"));
        return o.toString();
    }
}
