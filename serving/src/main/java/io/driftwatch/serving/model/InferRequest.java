package io.driftwatch.serving.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An inference request: an id, request parameters, the input tensors (batched along the first dimension, all with
 * the same batch size) and the names of the requested outputs (empty = all outputs).
 */
public record InferRequest(String id, Map<String, Object> parameters, List<Tensor> inputs, List<String> outputs) {
    public InferRequest {
        Objects.requireNonNull(id, "id");
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The batch size shared by every input, 0 without inputs. */
    public int rows() {
        return inputs.isEmpty() ? 0 : inputs.getFirst().rows();
    }

    /** The input named {@code name}. */
    public Tensor input(String name) {
        for (Tensor t : inputs) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("missing input '" + name + "'; request has "
                + inputs.stream().map(Tensor::name).toList());
    }
}
