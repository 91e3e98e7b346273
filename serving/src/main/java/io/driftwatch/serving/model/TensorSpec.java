package io.driftwatch.serving.model;

import java.util.List;
import java.util.Objects;

/**
 * A model's input or output as OIP model metadata reports it. A dimension of {@code -1} is variable (the batch
 * dimension usually is).
 */
public record TensorSpec(String name, Datatype datatype, List<Long> shape) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        shape = List.copyOf(shape);
    }

    /** Whether a tensor of this shape fits: same rank and equal fixed dimensions. */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.size()) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            long want = shape.get(i);
            if (want >= 0 && want != actual[i]) {
                return false;
            }
        }
        return true;
    }
}
