package io.driftwatch.serving.oip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.serving.model.Datatype;
import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.model.Tensor;
import io.driftwatch.serving.model.TensorSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * MLRun's v2 model server body, beside the OIP tensor form: {@code {"id"?: "…", "inputs": [[row], [row], …]}} (a
 * list of rows; a flat list of values is one row), answered as {@code {"id", "model_name", "outputs": [one entry per
 * row], "timestamp", "model_version"?}}. The rows become the model's input tensors by its metadata: one input of
 * rank 2 takes the rows as they are ({@code [n, width]}); one input of rank 1 takes one value per row; several
 * inputs take one column each, in input order. Parse failures are {@link IllegalArgumentException}s naming the row.
 */
public final class RowsCodec {
    private RowsCodec() {
    }

    /** The parsed body, or null when it is not JSON (the OIP parser then names the problem). */
    public static JsonNode tree(byte[] body) {
        try {
            return OipCodec.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a body is the list-of-rows form: {@code inputs} is a non-empty array whose items are not objects. */
    public static boolean isRows(JsonNode root) {
        if (root == null || !root.isObject()) {
            return false;
        }
        JsonNode inputs = root.get("inputs");
        return inputs != null && inputs.isArray() && !inputs.isEmpty() && !inputs.get(0).isObject();
    }

    /**
     * The request of a list-of-rows body for a model with the given inputs; without {@code id} a random UUID.
     *
     * @throws IllegalArgumentException naming the row or value that does not fit the model's inputs
     */
    public static InferRequest parse(JsonNode root, List<TensorSpec> modelInputs) {
        JsonNode id = root.get("id");
        if (id != null && !id.isTextual() && !id.isNumber()) {
            throw new IllegalArgumentException("'id' must be a string");
        }
        List<JsonNode> rows = rows(root.get("inputs"));
        List<TensorSpec> specs = modelInputs.isEmpty()
                ? List.of(new TensorSpec("inputs", Datatype.FP64, List.of(-1L, -1L))) : modelInputs;
        List<Tensor> tensors = specs.size() == 1 ? List.of(whole(specs.getFirst(), rows)) : columns(specs, rows);
        return new InferRequest(id == null ? UUID.randomUUID().toString() : id.asText(),
                OipCodec.parameters(root.get("parameters"), "parameters"), tensors, List.of());
    }

    private static List<JsonNode> rows(JsonNode inputs) {
        List<JsonNode> rows = new ArrayList<>();
        boolean anyList = false;
        boolean anyScalar = false;
        for (JsonNode r : inputs) {
            anyList |= r.isArray();
            anyScalar |= !r.isArray();
            rows.add(r);
        }
        if (anyList && anyScalar) {
            throw new IllegalArgumentException("'inputs' mixes rows (lists) and single values: give a list of rows "
                    + "[[…], […]] or one row […]");
        }
        if (anyScalar) {
            return List.of(inputs); // a flat list is one row, as MLRun's stream processor reads it
        }
        return rows;
    }

    private static Tensor whole(TensorSpec spec, List<JsonNode> rows) {
        int width = -1;
        List<JsonNode> flat = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<JsonNode> values = new ArrayList<>();
            OipCodec.flatten(rows.get(r), values);
            if (width >= 0 && values.size() != width) {
                throw new IllegalArgumentException("inputs row " + r + " has " + values.size() + " values, row 0 has "
                        + width);
            }
            width = values.size();
            flat.addAll(values);
        }
        long[] shape = spec.shape().size() == 1 ? new long[] {rows.size()} : new long[] {rows.size(), width};
        if (spec.shape().size() == 1 && width != 1) {
            throw new IllegalArgumentException("model input '" + spec.name() + "' takes one value per row, rows have "
                    + width);
        }
        if (!spec.accepts(shape)) {
            throw new IllegalArgumentException("model input '" + spec.name() + "' has shape " + spec.shape()
                    + "; the rows give " + Arrays.toString(shape));
        }
        return Tensor.of(spec.name(), spec.datatype(), shape, OipCodec.values(spec.name(), spec.datatype(), flat));
    }

    private static List<Tensor> columns(List<TensorSpec> specs, List<JsonNode> rows) {
        List<Tensor> out = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            TensorSpec spec = specs.get(c);
            List<JsonNode> column = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                JsonNode row = rows.get(r);
                if (row.size() != specs.size()) {
                    throw new IllegalArgumentException("inputs row " + r + " has " + row.size() + " values; the model "
                            + "takes " + specs.size() + " inputs " + specs.stream().map(TensorSpec::name).toList());
                }
                column.add(row.get(c));
            }
            long[] shape = spec.shape().size() == 2 ? new long[] {rows.size(), 1} : new long[] {rows.size()};
            out.add(Tensor.of(spec.name(), spec.datatype(), shape,
                    OipCodec.values(spec.name(), spec.datatype(), column)));
        }
        return out;
    }

    /** MLRun's v2 response: {@code {"id", "model_name", "outputs", "timestamp", "model_version"?}}. */
    public static byte[] response(String modelName, String version, String id, List<Object> outputs,
                                  Instant timestamp) {
        ObjectNode root = OipCodec.mapper().createObjectNode();
        root.put("id", id);
        root.put("model_name", modelName);
        root.set("outputs", OipCodec.mapper().valueToTree(outputs));
        root.put("timestamp", timestamp.toString());
        if (version != null) {
            root.put("model_version", version);
        }
        return OipCodec.bytes(root);
    }
}
