package io.driftwatch.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The scored validation set of {@link DriftwatchClient#logModel(String, String, String, String, String, Path, Path,
 * ValidationSetFile)} (issue 20): the model's features, outputs and the ground truth, as CSV (header row), Parquet,
 * a JSON array of row objects or NDJSON. The {@code model-performance} app takes it as its reference.
 *
 * @param file               the file
 * @param labelColumn        its ground-truth column, or null for the model's {@code label_column}
 * @param predictionColumn   its predicted class or value, or null
 * @param probabilityColumns the class probabilities as {@code class:column,…} (or {@code column,…}), or null
 */
public record ValidationSetFile(Path file, String labelColumn, String predictionColumn, String probabilityColumns) {
    public ValidationSetFile {
        Objects.requireNonNull(file, "file");
    }
}
