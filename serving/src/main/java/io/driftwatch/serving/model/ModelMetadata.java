package io.driftwatch.serving.model;

import java.util.List;
import java.util.Objects;

/**
 * What a model reports about itself: its platform (e.g. {@code onnxruntime}) and its input and output tensors. The
 * served name and version belong to the serving function, not to the model.
 */
public record ModelMetadata(String platform, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    public ModelMetadata {
        Objects.requireNonNull(platform, "platform");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
