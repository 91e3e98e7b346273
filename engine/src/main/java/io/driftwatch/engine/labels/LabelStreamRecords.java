package io.driftwatch.engine.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.LabelRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The event-stream record that carries one request's matched labels of one endpoint from ingest to the stream
 * processor (durable like tracking events, keyed by the endpoint uid):
 * <pre>{"driftwatch_labels": 1, "project": "p", "endpoint_id": "uid", "received_at": µs,
 *  "labels": [{"request_id": "r", "row": 0, "label": &lt;JSON scalar&gt;, "time": µs}, …]}</pre>
 * {@code time} is the prediction's event time (epoch µs). The first field {@code driftwatch_labels} tells it apart
 * from a tracking event in one comparison of the payload's first bytes; no MLRun event starts with it.
 */
public final class LabelStreamRecords {
    /** The first field of every label record. */
    public static final String MARKER = "driftwatch_labels";
    private static final byte[] PREFIX = ("{\"" + MARKER + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelStreamRecords() {
    }

    /** True when {@code payload} is a label record (it starts with {@code {"driftwatch_labels"}). */
    public static boolean isLabelRecord(byte[] payload) {
        return payload.length >= PREFIX.length
                && Arrays.equals(payload, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The record of {@code labels} (all of one project and endpoint). */
    public static byte[] encode(String project, String uid, Instant receivedAt, List<LabelRecord> labels) {
        ObjectNode root = JSON.createObjectNode();
        root.put(MARKER, 1);
        root.put("project", project);
        root.put("endpoint_id", uid);
        root.put("received_at", micros(receivedAt));
        ArrayNode items = root.putArray("labels");
        for (LabelRecord l : labels) {
            ObjectNode item = items.addObject();
            item.put("request_id", l.requestId());
            item.put("row", l.row());
            item.set("label", parseScalar(l.labelJson()));
            item.put("time", micros(l.predictionTime()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode labels", e);
        }
    }

    /**
     * The labels of a record.
     *
     * @throws IllegalArgumentException when the payload is not a well-formed label record
     */
    public static List<LabelRecord> decode(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            String project = root.path("project").asText(null);
            String uid = root.path("endpoint_id").asText(null);
            Instant received = instant(root.path("received_at").asLong());
            List<LabelRecord> out = new ArrayList<>();
            for (JsonNode item : root.path("labels")) {
                out.add(new LabelRecord(project, uid, item.path("request_id").asText(), item.path("row").asInt(),
                        instant(item.path("time").asLong()), JSON.writeValueAsString(item.get("label")), received));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed label record: " + e.getMessage(), e);
        }
    }

    /**
     * A stored label as a frame value: an integral number as Long, another number as Double, a string, a boolean;
     * null for JSON null or unparseable text.
     */
    public static Object value(String labelJson) {
        JsonNode n = parseScalar(labelJson);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.isTextual() ? n.asText() : null;
    }

    private static JsonNode parseScalar(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
