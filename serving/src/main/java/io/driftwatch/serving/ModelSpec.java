package io.driftwatch.serving;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model in a serving function (MLRun's {@code fn.add_model(name, model_path, class_name)}).
 *
 * @param name       the served model name ({@code [A-Za-z0-9][A-Za-z0-9_.-]*}), the endpoint's {@code model}
 * @param version    the model version, or null (the endpoint uid then uses {@code latest})
 * @param modelClass a {@link io.driftwatch.serving.model.ServableModel} class name; null/blank = ONNX for an
 *                   {@code .onnx} file
 * @param modelFile  the model file path (a logged model's {@code model_file}); null for a class needing no file
 * @param labels     endpoint labels carried on every tracking event
 */
public record ModelSpec(String name, String version, String modelClass, String modelFile,
        Map<String, String> labels) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new ServingException(400, "invalid model name '" + name + "': use letters, digits, '_', '.', '-'");
        }
        if (version != null && version.isBlank()) {
            version = null;
        }
        if ((modelClass == null || modelClass.isBlank()) && (modelFile == null || modelFile.isBlank())) {
            throw new ServingException(400, "model '" + name + "' needs a model file or a model class");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A model served from a file whose class follows from its extension ({@code .onnx}). */
    public static ModelSpec ofFile(String name, String version, String modelFile) {
        return new ModelSpec(name, version, null, modelFile, Map.of());
    }
}
