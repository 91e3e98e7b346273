package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Multiparts;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.driftwatch.stats.json.FeatureStatsJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code /projects/{p}/models}: MLRun's {@code log_model} over multipart/form-data (name, version?, framework,
 * label_column?, model_file?, training_set = CSV with a header row or Parquet, and optionally a scored
 * validation_set with validation_label_column?, prediction_column?, probability_columns?). The training set's §5
 * statistics become the model's {@code feature_stats}; existing endpoints of the model that lack statistics get them
 * too. The validation set ({@link ValidationSetUploads}) is the {@code model-performance} app's reference for the
 * model's endpoints ({@link ModelValidationSets}); a re-log without one removes the previous one.
 * Files are kept under {@code {data-dir}/projects/{p}/models/{name}/{version}/}. An upload is atomic: it is saved
 * and checked in a staging directory first, so a rejected upload (400) changes neither the files nor the record.
 */
public final class ModelRoutes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private final Backend backend;
    private final Path dataDir;

    /** Routes over the stores of {@code backend}. */
    public ModelRoutes(Backend backend, Path dataDir) {
        this.backend = backend;
        this.dataDir = dataDir;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(ApiServer.PREFIX + "/projects/{p}/models", this::log);
        r.get(ApiServer.PREFIX + "/projects/{p}/models", this::list);
        r.get(ApiServer.PREFIX + "/projects/{p}/models/{name}", this::get);
    }

    private void log(Context ctx) throws IOException {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.unsupportedMediaType("POST /models takes multipart/form-data (name, version, framework, "
                    + "label_column, model_file, training_set), got Content-Type '" + type + "'");
        }
        String name = field(ctx, "name", true);
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid model name '" + name + "': letters, digits, '_', '.', '-'");
        }
        String version = field(ctx, "version", false);
        if (version != null && !NAME.matcher(version).matches()) {
            throw ApiException.badRequest("invalid model version '" + version + "'");
        }
        String framework = field(ctx, "framework", false);
        String label = field(ctx, "label_column", false);
        UploadedFile training = Multiparts.file(ctx, "training_set");
        if (training == null) {
            throw ApiException.badRequest("missing file part 'training_set' (CSV with a header row, or Parquet)");
        }
        Path models = dataDir.resolve("projects").resolve(p).resolve("models");
        Path dir = ModelValidationSets.modelDir(dataDir, p, name, version);
        Files.createDirectories(models);
        Path staging = Files.createTempDirectory(models, ".upload-");
        try {
            var model = stageAndCheck(ctx, staging, dir, new String[] {p, name, version, framework, label}, training);
            publish(staging, dir);
            backend.projects().putModel(model);
            patchEndpoints(model);
            Responses.json(ctx, 201, json(model, dataDir));
        } finally {
            FileTrees.delete(staging, "the staged upload " + staging);
        }
    }

    /**
     * Saves the upload under {@code staging} and computes its statistics; a rejection (400) leaves the published
     * {@code dir} and the model record untouched. {@code meta} = project, name, version, framework, label column.
     */
    private ProjectRecords.ModelRecord stageAndCheck(Context ctx, Path staging, Path dir, String[] meta,
                                                     UploadedFile training) throws IOException {
        String label = meta[4];
        Path trainingPath = save(training, staging, trainingName(training));
        UploadedFile modelFile = Multiparts.file(ctx, "model_file");
        String modelName = modelFile == null ? null : "model-" + safe(modelFile.filename());
        if (modelFile != null) {
            save(modelFile, staging, modelName);
        }
        FeatureStats stats = stats(trainingPath);
        if (label != null && stats.get(label).isEmpty()) {
            throw ApiException.badRequest("label_column '" + label + "' is not a column of the training set; columns: "
                    + stats.names());
        }
        stageValidationSet(ctx, staging, label);
        List<String> features = new ArrayList<>(stats.names());
        features.remove(label);
        return new ProjectRecords.ModelRecord(meta[0], meta[1], meta[2], meta[3], label,
                modelName == null ? null : dir.resolve(modelName).toString(), features,
                label == null ? List.of() : List.of(label), stats, backend.clock().instant());
    }

    /** Stages the optional {@code validation_set} part (400 naming the problem). */
    private static void stageValidationSet(Context ctx, Path staging, String label) throws IOException {
        UploadedFile validation = Multiparts.file(ctx, "validation_set");
        String validationLabel = field(ctx, "validation_label_column", false);
        String prediction = field(ctx, "prediction_column", false);
        String probability = field(ctx, "probability_columns", false);
        if (validation == null) {
            if (validationLabel != null || prediction != null || probability != null) {
                throw ApiException.badRequest("validation_label_column, prediction_column and probability_columns "
                        + "describe the file part 'validation_set', which is missing");
            }
            return;
        }
        String l = validationLabel != null ? validationLabel : label;
        if (l == null) {
            throw ApiException.badRequest("validation_set needs its label column: form field "
                    + "'validation_label_column' (or 'label_column')");
        }
        ValidationSetUploads.stage(validation, staging, new ValidationSetUploads.Columns(l, prediction, probability));
    }

    /** Moves the staged files into {@code dir}, each file atomically (replacing an older upload's). */
    private static void publish(Path staging, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!Files.exists(staging.resolve(ModelValidationSets.META))) {
            Files.deleteIfExists(dir.resolve(ModelValidationSets.META));
            Files.deleteIfExists(dir.resolve(ModelValidationSets.ROWS));
        }
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : files.toList()) {
                Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static FeatureStats stats(Path trainingPath) {
        return TrainingSets.stats(trainingPath);
    }

    /** Endpoints of this model without reference statistics get the model's. */
    private void patchEndpoints(ProjectRecords.ModelRecord model) {
        if (backend.endpoints() == null) {
            return;
        }
        for (ModelEndpoint ep : backend.endpoints().list(model.project(), EndpointFilter.ALL)) {
            String m = ep.spec().model();
            boolean same = m != null && (m.equals(model.name()) || m.startsWith(model.name() + ":"));
            if (same && ep.status().featureStats().isEmpty()) {
                backend.endpoints().put(EndpointRoutes.withModelStats(backend, ep));
            }
        }
    }

    private static String field(Context ctx, String name, boolean required) {
        String v = Multiparts.field(ctx, name);
        if (v == null || v.isBlank()) {
            if (required) {
                throw ApiException.badRequest("missing form field '" + name + "'");
            }
            return null;
        }
        return v.trim();
    }

    private static String trainingName(UploadedFile f) throws IOException {
        String n = f.filename() == null ? "" : f.filename().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet") || n.endsWith(".pq")) {
            return "training-set.parquet";
        }
        try (InputStream in = f.content()) {
            byte[] magic = in.readNBytes(4);
            if (magic.length == 4 && new String(magic, StandardCharsets.US_ASCII).equals("PAR1")) {
                return "training-set.parquet";
            }
        }
        return "training-set.csv";
    }

    private static Path save(UploadedFile f, Path dir, String fileName) throws IOException {
        Path target = dir.resolve(fileName);
        try (InputStream in = f.content()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String safe(String name) {
        String n = name == null || name.isBlank() ? "file" : Path.of(name).getFileName().toString();
        return n.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void list(Context ctx) throws IOException {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ProjectRecords.ModelRecord m : backend.projects().models(p)) {
            out.add(json(m, dataDir));
        }
        Responses.json(ctx, 200, out);
    }

    private void get(Context ctx) throws IOException {
        Query.allow(ctx, "version");
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String name = ctx.pathParam("name");
        String version = ctx.queryParam("version");
        var m = backend.projects().model(p, name, version).orElseThrow(() -> ApiException.notFound("model '" + name + "'"
                + (version == null ? "" : " version '" + version + "'") + " not found in project '" + p + "'"));
        Responses.json(ctx, 200, json(m, dataDir));
    }

    /** The record, and its {@code validation_set} (label/prediction/probability columns, rows) when one was logged. */
    static ObjectNode json(ProjectRecords.ModelRecord m, Path dataDir) throws IOException {
        ObjectNode o = json(m);
        Path meta = ModelValidationSets.modelDir(dataDir, m.project(), m.name(), m.version())
                .resolve(ModelValidationSets.META);
        if (Files.isRegularFile(meta)) {
            ObjectNode v = (ObjectNode) Json.MAPPER.readTree(Files.readString(meta));
            v.remove("id");
            o.set("validation_set", v);
        } else {
            o.putNull("validation_set");
        }
        return o;
    }

    static ObjectNode json(ProjectRecords.ModelRecord m) {
        ObjectNode o = Json.object().put("project", m.project()).put("name", m.name()).put("version", m.version())
                .put("framework", m.framework()).put("label_column", m.labelColumn()).put("model_path", m.modelPath())
                .put("created", Json.time(m.created()));
        ArrayNode f = o.putArray("feature_names");
        m.featureNames().forEach(f::add);
        ArrayNode l = o.putArray("label_names");
        m.labelNames().forEach(l::add);
        o.set("feature_stats", FeatureStatsJson.toTree(m.featureStats()));
        return o;
    }
}
