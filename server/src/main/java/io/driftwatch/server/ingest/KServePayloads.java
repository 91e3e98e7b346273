package io.driftwatch.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftwatch.server.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows out of the payloads KServe's logger forwards: Open Inference Protocol v2 bodies
 * ({@code {"inputs": [{"name", "shape", "datatype", "data"}]}} / {@code {"model_name", "model_version", "outputs": [...]}})
 * and KServe v1 bodies ({@code {"instances": [...]}} / {@code {"predictions": [...]}}). A row is the concatenation of
 * every tensor's values for one batch index (tensors of shape {@code [n, d1, d2…]} give {@code d1·d2…} values per
 * row, flat or nested {@code data}); a v1 instance is a row as it is (a list, a scalar, or an object's values).
 * One-value output rows become scalars (MLRun's form). Anything else is an {@link IllegalArgumentException} naming
 * the problem.
 */
final class KServePayloads {
    private KServePayloads() {
    }

    /** The input rows of a request body (v2 or v1). */
    static ArrayNode inputs(JsonNode body) {
        if (body.path("inputs").isArray() && (body.path("inputs").isEmpty() || body.path("inputs").get(0).isObject())) {
            return tensors(body.path("inputs"), "inputs", false);
        }
        for (String f : new String[] {"instances", "inputs"}) {
            if (body.path(f).isArray()) {
                return instances(body.path(f), f, false);
            }
        }
        throw new IllegalArgumentException("request body has neither OIP v2 'inputs' tensors nor v1 'instances'");
    }

    /** The output rows of a response body (v2 or v1). */
    static ArrayNode outputs(JsonNode body) {
        if (body.path("outputs").isArray()) {
            return tensors(body.path("outputs"), "outputs", true);
        }
        if (body.path("predictions").isArray()) {
            return instances(body.path("predictions"), "predictions", true);
        }
        throw new IllegalArgumentException("response body has neither OIP v2 'outputs' tensors nor v1 'predictions'");
    }

    private static ArrayNode tensors(JsonNode tensors, String field, boolean scalarRows) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is empty");
        }
        List<List<JsonNode>> rows = null;
        for (int t = 0; t < tensors.size(); t++) {
            JsonNode tensor = tensors.get(t);
            String where = field + "[" + t + "]" + (tensor.hasNonNull("name") ? " ('" + tensor.get("name").asText()
                    + "')" : "");
            List<JsonNode> values = new ArrayList<>();
            flatten(tensor.path("data"), values, where);
            JsonNode shape = tensor.path("shape");
            long n = shape.isArray() && !shape.isEmpty() ? shape.get(0).asLong() : values.size();
            long width = 1;
            for (int i = 1; shape.isArray() && i < shape.size(); i++) {
                width *= shape.get(i).asLong();
            }
            if (n < 0 || width < 1 || n * width != values.size()) {
                throw new IllegalArgumentException(where + ": shape " + shape + " does not match " + values.size()
                        + " data values");
            }
            if (rows == null) {
                rows = new ArrayList<>();
                for (int r = 0; r < n; r++) {
                    rows.add(new ArrayList<>());
                }
            } else if (rows.size() != n) {
                throw new IllegalArgumentException(where + " has " + n + " rows but " + field + "[0] has " + rows.size());
            }
            for (int r = 0; r < n; r++) {
                rows.get(r).addAll(values.subList((int) (r * width), (int) ((r + 1) * width)));
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (List<JsonNode> row : rows) {
            if (scalarRows && row.size() == 1) {
                out.add(row.getFirst());
            } else {
                out.addArray().addAll(row);
            }
        }
        return out;
    }

    private static void flatten(JsonNode data, List<JsonNode> into, String where) {
        if (data.isArray()) {
            data.forEach(d -> flatten(d, into, where));
        } else if (data.isValueNode() && !data.isNull()) {
            into.add(data);
        } else if (data.isMissingNode()) {
            throw new IllegalArgumentException(where + " has no 'data'");
        } else {
            throw new IllegalArgumentException(where + ": unsupported data value " + data);
        }
    }

    private static ArrayNode instances(JsonNode list, String field, boolean scalarRows) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is empty");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode item : list) {
            ArrayNode row = Json.MAPPER.createArrayNode();
            if (item.isArray()) {
                row.addAll((ArrayNode) item);
            } else if (item.isObject()) {
                item.properties().forEach(e -> row.add(e.getValue()));
            } else {
                row.add(item);
            }
            if (scalarRows && row.size() == 1) {
                out.add(row.get(0));
            } else {
                out.add(row);
            }
        }
        return out;
    }
}
