package io.driftwatch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model's scored validation set, logged with the model (issue 20): rows with the model's features, its outputs
 * (the prediction, and the class probabilities of a classifier) and the ground truth. The {@code model-performance}
 * app takes it as its reference (the baseline of its statuses and the calibration of its estimate) when no
 * {@code reference_path} is set.
 *
 * @param id                 identifies this upload (a re-logged model gets a new id): what a reference is cached by
 * @param rows               an NDJSON file of row objects
 * @param labelColumn        the column of the ground truth
 * @param predictionColumn   the column of the predicted class or value, or null (the app's default then)
 * @param probabilityColumns the class probabilities as {@code class:column,…}, or null
 */
public record ValidationSet(String id, Path rows, String labelColumn, String predictionColumn,
                            String probabilityColumns) {
    public ValidationSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labelColumn, "labelColumn");
    }
}
