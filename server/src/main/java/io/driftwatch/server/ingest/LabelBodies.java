package io.driftwatch.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the body of {@code POST …/model-endpoints/{uid}/labels}: a JSON array of (or one) objects
 * {@code {"request_id", "row"?, "label"}}, or NDJSON with one object a line (blank lines skipped). {@code request_id}
 * is a non-empty string (a number is taken as its text); {@code row} an integer ≥ 0, default 0; {@code label} a
 * number, string or boolean. The whole body is validated first: any problem is a 400 naming the item (0-based)
 * and the field. Two items for the same (request id, row) in one body: the later one is kept.
 */
final class LabelBodies {
    /** At most this many labels in one request. */
    static final int MAX_ITEMS = 1_000_000;

    private LabelBodies() {
    }

    /** One label of the body. */
    record Item(String requestId, int row, String labelJson) {
        String key() {
            return requestId + "\u0000" + row;
        }
    }

    static List<Item> parse(byte[] body, boolean ndjson) {
        List<JsonNode> nodes = ndjson ? lines(body) : array(body);
        if (nodes.isEmpty()) {
            throw ApiException.badRequest("no labels: send a JSON array of {\"request_id\", \"row\"?, \"label\"}");
        }
        if (nodes.size() > MAX_ITEMS) {
            throw ApiException.tooLarge(nodes.size() + " labels in one request; at most " + MAX_ITEMS);
        }
        Map<String, Item> items = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Item item = item(i, nodes.get(i));
            items.remove(item.key());
            items.put(item.key(), item);
        }
        return List.copyOf(items.values());
    }

    private static List<JsonNode> array(byte[] body) {
        JsonNode root = read(body, "the body");
        if (root == null || root.isMissingNode()) {
            return List.of();
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw ApiException.badRequest("the body must be a JSON array of label objects, not " + root.getNodeType());
        }
        List<JsonNode> out = new ArrayList<>(root.size());
        root.forEach(out::add);
        return out;
    }

    private static List<JsonNode> lines(byte[] body) {
        List<JsonNode> out = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add(read(lines[i].getBytes(StandardCharsets.UTF_8), "line " + (i + 1)));
            }
        }
        return out;
    }

    private static JsonNode read(byte[] json, String where) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(where + " is not valid JSON: " + Json.describe(e));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(where + " cannot be read: " + e.getMessage());
        }
    }

    private static Item item(int i, JsonNode n) {
        String at = "label " + i + ": ";
        if (!n.isObject()) {
            throw ApiException.badRequest(at + "must be an object {\"request_id\", \"row\"?, \"label\"}, not "
                    + n.getNodeType());
        }
        JsonNode id = n.get("request_id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()) {
            throw ApiException.badRequest(at + "'request_id' must be a non-empty string"
                    + (id == null ? " (it is missing)" : ""));
        }
        JsonNode row = n.get("row");
        if (row != null && !row.isNull() && (!row.canConvertToInt() || !row.isIntegralNumber() || row.asInt() < 0)) {
            throw ApiException.badRequest(at + "'row' must be an integer >= 0, not " + row);
        }
        JsonNode label = n.get("label");
        if (label == null || !(label.isNumber() || label.isTextual() || label.isBoolean())) {
            throw ApiException.badRequest(at + "'label' must be a number, a string or a boolean"
                    + (label == null ? " (it is missing)" : ", not " + label.getNodeType()));
        }
        if (label.isNumber() && !Double.isFinite(label.asDouble())) {
            throw ApiException.badRequest(at + "'label' must be finite");
        }
        return new Item(id.asText(), row == null || row.isNull() ? 0 : row.asInt(), label.toString());
    }
}
