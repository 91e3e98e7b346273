package io.driftwatch.serving.model;

import java.util.List;
import java.util.Map;

/**
 * What a model returns: output tensors (batched along the first dimension like the inputs) and optional response
 * parameters. The serving layer adds the model name, version and request id.
 */
public record InferResponse(List<Tensor> outputs, Map<String, Object> parameters) {
    public InferResponse {
        outputs = List.copyOf(outputs);
        parameters = Map.copyOf(parameters);
    }

    /** A response without parameters. */
    public static InferResponse of(List<Tensor> outputs) {
        return new InferResponse(outputs, Map.of());
    }
}
