package io.driftwatch.serving.oip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.serving.model.Datatype;
import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.model.InferResponse;
import io.driftwatch.serving.model.ModelMetadata;
import io.driftwatch.serving.model.Tensor;
import io.driftwatch.serving.model.TensorSpec;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Open Inference Protocol v2 REST JSON: parses inference requests (tensor {@code data} flat or nested row-major) and
 * writes inference, metadata and error responses. Every parse failure is an {@link IllegalArgumentException} naming
 * the field. Values must fit the datatype exactly: FP32/FP64 any JSON number, INT32/INT64 integers in range, BOOL
 * true/false, BYTES strings.
 */
public final class OipCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OipCodec() {
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * Parses an inference request; a request without {@code id} gets a random UUID.
     *
     * @throws IllegalArgumentException for malformed JSON, a missing field, a bad shape or a wrong value type
     */
    public static InferRequest parseRequest(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be read: " + e.getMessage());
        }
        return parseRequest(root);
    }

    /** As {@link #parseRequest(byte[])}, from a body already read as JSON (null: an empty body). */
    public static InferRequest parseRequest(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("request body must be a JSON object with 'inputs'");
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isTextual()) {
            throw new IllegalArgumentException("'id' must be a string");
        }
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw new IllegalArgumentException("'inputs' must be a non-empty array of tensors");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode in : inputs) {
            tensors.add(parseTensor(in));
        }
        checkBatch(tensors);
        return new InferRequest(id == null ? UUID.randomUUID().toString() : id.asText(),
                parameters(root.get("parameters"), "parameters"), tensors, outputNames(root.get("outputs")));
    }

    /** The request id of a body that may not parse, or null. */
    public static String peekId(byte[] body) {
        try {
            return textId(JSON.readTree(body));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The textual {@code id} of a request body read as JSON (null: none, not text, or no body). */
    public static String textId(JsonNode root) {
        JsonNode id = root == null ? null : root.get("id");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    private static Tensor parseTensor(JsonNode in) {
        if (!in.isObject()) {
            throw new IllegalArgumentException("each input must be an object with name, shape, datatype, data");
        }
        JsonNode name = in.get("name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("input without a string 'name'");
        }
        String n = name.asText();
        long[] shape = shape(n, in.get("shape"));
        JsonNode dt = in.get("datatype");
        if (dt == null || !dt.isTextual()) {
            throw new IllegalArgumentException("input '" + n + "': missing 'datatype'");
        }
        Datatype datatype;
        try {
            datatype = Datatype.parse(dt.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input '" + n + "': " + e.getMessage());
        }
        JsonNode data = in.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("input '" + n + "': 'data' must be an array");
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(data, flat);
        return Tensor.of(n, datatype, shape, values(n, datatype, flat));
    }

    private static long[] shape(String name, JsonNode shape) {
        if (shape == null || !shape.isArray() || shape.isEmpty()) {
            throw new IllegalArgumentException("input '" + name + "': 'shape' must be a non-empty array "
                    + "(batched along the first dimension)");
        }
        long[] out = new long[shape.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new IllegalArgumentException("input '" + name + "': shape " + shape
                        + " must hold non-negative integers");
            }
            out[i] = d.asLong();
        }
        return out;
    }

    /** Appends the leaves of a nested JSON array (row-major), or the node itself when it is not an array. */
    static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(c -> flatten(c, out));
        } else {
            out.add(node);
        }
    }

    static Object values(String name, Datatype dt, List<JsonNode> flat) {
        Object arr = Array.newInstance(dt.arrayType().componentType(), flat.size());
        for (int i = 0; i < flat.size(); i++) {
            JsonNode v = flat.get(i);
            boolean ok = switch (dt) {
                case FP32, FP64 -> v.isNumber();
                case INT32 -> v.isIntegralNumber() && v.canConvertToInt();
                case INT64 -> v.isIntegralNumber() && v.canConvertToLong();
                case BOOL -> v.isBoolean();
                case BYTES -> v.isTextual();
            };
            if (!ok) {
                throw new IllegalArgumentException("input '" + name + "': data[" + i + "] = " + v + " is not "
                        + (dt == Datatype.BYTES ? "a string" : dt == Datatype.BOOL ? "a boolean" : "a " + dt
                        + " number"));
            }
            switch (dt) {
                case FP32 -> Array.setFloat(arr, i, v.floatValue());
                case FP64 -> Array.setDouble(arr, i, v.doubleValue());
                case INT32 -> Array.setInt(arr, i, v.intValue());
                case INT64 -> Array.setLong(arr, i, v.longValue());
                case BOOL -> Array.setBoolean(arr, i, v.booleanValue());
                case BYTES -> Array.set(arr, i, v.textValue());
            }
        }
        return arr;
    }

    private static void checkBatch(List<Tensor> tensors) {
        int rows = tensors.getFirst().rows();
        for (Tensor t : tensors) {
            if (t.rows() != rows) {
                throw new IllegalArgumentException("inputs are batched along the first dimension: '" + t.name()
                        + "' has " + t.rows() + " rows, '" + tensors.getFirst().name() + "' has " + rows);
            }
        }
    }

    static Map<String, Object> parameters(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'" + field + "' must be an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return out;
    }

    private static List<String> outputNames(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'outputs' must be an array of {\"name\": ...}");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode o : node) {
            if (!o.isObject() || !o.path("name").isTextual()) {
                throw new IllegalArgumentException("each requested output needs a string 'name'");
            }
            out.add(o.get("name").asText());
        }
        return out;
    }

    /** The inference response body. */
    public static byte[] inferResponse(String modelName, String version, String id, InferResponse resp) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model_name", modelName);
        if (version != null) {
            root.put("model_version", version);
        }
        root.put("id", id);
        if (!resp.parameters().isEmpty()) {
            root.set("parameters", JSON.valueToTree(resp.parameters()));
        }
        ArrayNode outs = root.putArray("outputs");
        for (Tensor t : resp.outputs()) {
            ObjectNode o = outs.addObject();
            o.put("name", t.name());
            o.put("datatype", t.datatype().name());
            ArrayNode shape = o.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            o.set("data", JSON.valueToTree(t.data()));
        }
        return bytes(root);
    }

    /** The model metadata body. */
    public static byte[] modelMetadata(String name, String version, ModelMetadata md) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        ArrayNode versions = root.putArray("versions");
        if (version != null) {
            versions.add(version);
        }
        root.put("platform", md.platform());
        root.set("inputs", tensors(md.inputs()));
        root.set("outputs", tensors(md.outputs()));
        return bytes(root);
    }

    private static ArrayNode tensors(List<TensorSpec> specs) {
        ArrayNode arr = JSON.createArrayNode();
        for (TensorSpec s : specs) {
            ObjectNode o = arr.addObject();
            o.put("name", s.name());
            o.put("datatype", s.datatype().name());
            ArrayNode shape = o.putArray("shape");
            s.shape().forEach(shape::add);
        }
        return arr;
    }

    /** A JSON object body. */
    public static byte[] object(Map<String, ?> fields) {
        return bytes(JSON.valueToTree(fields));
    }

    /** The OIP error body {@code {"error": message}}. */
    public static byte[] error(String message) {
        return bytes(JSON.createObjectNode().put("error", message));
    }

    /** {@code node} as JSON bytes. */
    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
