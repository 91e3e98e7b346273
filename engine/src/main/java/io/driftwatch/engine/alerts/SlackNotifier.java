package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * Slack incoming webhook: {@code {text, blocks: [header, section (summary), section (fields: project, severity,
 * alert, entity, endpoint(s), events), context (time, activation id)]}}; {@code text} is the fallback shown in
 * notifications.
 */
final class SlackNotifier implements Notifier {
    private final HttpPost http;

    SlackNotifier(Duration timeout, OutboundPolicy policy) {
        this.http = new HttpPost(timeout, policy);
    }

    @Override
    public String kind() {
        return "slack";
    }

    @Override
    public void send(Message m) throws Exception {
        http.send("POST", (String) m.params().get("webhook"), Map.of(), payload(m).toString());
    }

    static ObjectNode payload(Message m) {
        AlertActivation a = m.activation();
        String icon = switch (a.severity()) {
            case HIGH -> ":red_circle:";
            case MEDIUM -> ":large_orange_circle:";
            case LOW -> ":large_yellow_circle:";
        };
        ObjectNode o = AlertConfigJson.MAPPER.createObjectNode();
        o.put("text", icon + " [" + a.severity().wire() + "] " + mrkdwn(a.project() + "/" + a.alert() + ": "
                + a.summary()));
        ArrayNode blocks = o.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                .put("text", truncate("Alert " + a.alert() + " fired", 150));
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", truncate(icon + " " + mrkdwn(a.summary()), 3000));
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Project", a.project());
        field(fields, "Severity", a.severity().wire());
        field(fields, "Event", m.variables().get("kind"));
        field(fields, "Entity", a.entityId());
        field(fields, "Endpoint", a.endpoints().isEmpty() ? "-" : String.join(", ", a.endpoints()));
        field(fields, "Events", Integer.toString(a.events().size()));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Driftwatch · " + a.time() + " · activation " + a.id());
        return o;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", truncate("*" + name + "*\n" + mrkdwn(value), 2000));
    }

    /**
     * Escapes text from alert configs and data for Slack's mrkdwn: {@code &}, {@code <} and {@code >} become
     * entities, so a name cannot form a link ({@code <http://…|click>}) or a mention ({@code <!channel>}).
     */
    static String mrkdwn(String s) {
        return s == null ? "null" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
