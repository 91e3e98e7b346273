package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ValidationSet;
import io.driftwatch.engine.port.ProjectRecords.ModelRecord;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.ValidationSets;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The validation sets logged with the models (issue 20), found by endpoint: the endpoint's model ({@code spec.model},
 * {@code name} or {@code name:version}, and {@code model_version}) resolved as for its reference statistics, then the
 * files {@value #META} and {@value #ROWS} in that model's folder {@code {data-dir}/projects/{p}/models/{name}/
 * {version|latest}/}.
 */
public final class ModelValidationSets implements ValidationSets {
    /** The validation rows (NDJSON) in a model's folder. */
    public static final String ROWS = "validation-set.ndjson";
    /** The validation set's column names and upload id (JSON) in a model's folder. */
    public static final String META = "validation-set.json";
    private final ProjectStore projects;
    private final Path dataDir;

    /** Over the model records of {@code projects} and the model folders under {@code dataDir}. */
    public ModelValidationSets(ProjectStore projects, Path dataDir) {
        this.projects = projects;
        this.dataDir = dataDir;
    }

    /** A model's folder. */
    static Path modelDir(Path dataDir, String project, String name, String version) {
        return dataDir.resolve("projects").resolve(project).resolve("models").resolve(name)
                .resolve(version == null || version.isBlank() ? "latest" : version);
    }

    @Override
    public Optional<ValidationSet> of(ModelEndpoint ep) {
        Optional<ModelRecord> model = model(projects, ep);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        Path dir = modelDir(dataDir, ep.project(), model.get().name(), model.get().version());
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(dir.resolve(ROWS))) {
            return Optional.empty();
        }
        try {
            JsonNode m = Json.MAPPER.readTree(Files.readString(meta));
            return Optional.of(new ValidationSet(m.path("id").asText(), dir.resolve(ROWS),
                    m.path("label_column").asText(), text(m, "prediction_column"), text(m, "probability_columns")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + meta + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint's logged model: {@code name[:version]} and {@code model_version}, else the latest of the name. */
    static Optional<ModelRecord> model(ProjectStore projects, ModelEndpoint ep) {
        String name = ep.spec().model();
        if (name == null) {
            return Optional.empty();
        }
        String version = ep.spec().modelVersion();
        int colon = name.indexOf(':');
        if (colon > 0) {
            version = version == null ? name.substring(colon + 1) : version;
            name = name.substring(0, colon);
        }
        Optional<ModelRecord> m = projects.model(ep.project(), name, version);
        return m.isEmpty() && version != null ? projects.model(ep.project(), name, null) : m;
    }

    private static String text(JsonNode m, String field) {
        return m.hasNonNull(field) ? m.get(field).asText() : null;
    }
}
