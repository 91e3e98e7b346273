package io.driftwatch.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Multiparts;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Batch upload of historical predictions (MLRun's batch-inference monitoring, {@code record_results}):
 * <pre>
 * POST /projects/{p}/model-endpoints/{uid}/batch                       multipart: file, timestamp_column?, label_columns?
 *                                                                      (+ model, endpoint? to create the uid)
 * POST /projects/{p}/model-monitoring/batch?endpoint=NAME&amp;model=M[&amp;version=V]   the same, endpoint by name
 * </pre>
 * The file (CSV with a header row, or Parquet) has a timestamp column ({@code timestamp} unless
 * {@code timestamp_column}), feature columns and label (prediction) columns: {@code label_columns} (comma-separated),
 * else the logged model's label names found in the file. Features are the logged model's feature names when all are
 * present, else every other column. Rows sharing a timestamp form one batched event (up to 1,000 rows); the events
 * ({@code class} "batch", {@code function_uri} {@code {p}/{endpoint}}, default endpoint name {@code batch-infer})
 * are appended to the stream after the whole file is validated. The endpoint is created if needed (monitoring
 * enabled, the logged model's {@code feature_stats}); since windows follow event time, the next controller run
 * analyses the backfilled windows at once. Answer 202 {@code {endpoint_id, rows, events, first, last, offset}}.
 */
public final class BatchRoutes {
    static final String DEFAULT_ENDPOINT = "batch-infer";
    private static final int MAX_ROWS_PER_EVENT = 1_000;
    private final Backend backend;

    /** Routes over the stores of {@code backend}. */
    public BatchRoutes(Backend backend) {
        this.backend = backend;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(ApiServer.PREFIX + "/projects/{p}/model-endpoints/{uid}/batch", this::byUid);
        r.post(ApiServer.PREFIX + "/projects/{p}/model-monitoring/batch", this::byName);
    }

    private record Target(String uid, String functionUri, String model, String version) {
    }

    private void byUid(Context ctx) throws IOException {
        String p = project(ctx);
        String uid = ctx.pathParam("uid");
        Optional<ModelEndpoint> ep = backend.endpoints().get(p, uid);
        Target t;
        if (ep.isPresent()) {
            var s = ep.get().spec();
            t = new Target(uid, s.functionUri(), s.model(), s.modelVersion());
        } else {
            t = target(ctx, p);
            if (!t.uid().equals(uid)) {
                throw ApiException.conflict("endpoint " + uid + " does not exist and model/endpoint/version give uid "
                        + t.uid());
            }
        }
        upload(ctx, p, t);
    }

    private void byName(Context ctx) throws IOException {
        String p = project(ctx);
        upload(ctx, p, target(ctx, p));
    }

    private String project(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.unsupportedMediaType("batch upload takes multipart/form-data (file, timestamp_column, "
                    + "label_columns), got Content-Type '" + type + "'");
        }
        return p;
    }

    private Target target(Context ctx, String p) {
        String model = param(ctx, "model");
        if (model == null) {
            throw ApiException.badRequest("missing 'model' (a logged model name) to create the endpoint");
        }
        String endpoint = Optional.ofNullable(param(ctx, "endpoint")).orElse(DEFAULT_ENDPOINT);
        String version = param(ctx, "version");
        String fn = p + "/" + endpoint;
        return new Target(EndpointId.of(p, fn, model, version), fn, model, version);
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            v = Multiparts.field(ctx, name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private void upload(Context ctx, String p, Target t) throws IOException {
        UploadedFile file = Multiparts.file(ctx, "file");
        if (file == null) {
            throw ApiException.badRequest("missing file part 'file' (CSV with a header row, or Parquet)");
        }
        String tsColumn = Optional.ofNullable(param(ctx, "timestamp_column")).orElse("timestamp");
        Path tmp = Files.createTempFile("driftwatch-batch-", ".data");
        BatchFile data;
        try {
            boolean parquet;
            try (InputStream in = file.content()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try (InputStream in = Files.newInputStream(tmp)) {
                parquet = Arrays.equals(in.readNBytes(4), new byte[] {'P', 'A', 'R', '1'});
            }
            data = BatchFile.read(tmp, parquet, tsColumn);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Optional<ProjectRecords.ModelRecord> logged = backend.projects().model(p, t.model(), t.version());
        List<String> labels = labels(param(ctx, "label_columns"), data.columns, logged);
        List<String> features = features(data.columns, labels, logged);
        ensureEndpoint(p, t, features, labels, logged);
        List<byte[]> events = events(p, t, data, features, labels);
        long offset = KeyedAppends.append(backend.stream(), events, r -> new KeyedAppends.Key(p, t.uid()));
        Responses.json(ctx, 202, Json.object().put("endpoint_id", t.uid()).put("rows", data.rows.size())
                .put("events", events.size()).put("first", Json.time(data.rows.getFirst().time()))
                .put("last", Json.time(data.rows.getLast().time()))
                .put("offset", offset == KeyedAppends.NO_OFFSET ? null : offset));
    }

    private static List<String> labels(String given, List<String> columns,
                                       Optional<ProjectRecords.ModelRecord> logged) {
        List<String> labels = given != null ? Arrays.stream(given.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()
                : logged.map(ProjectRecords.ModelRecord::labelNames).orElse(List.of()).stream()
                .filter(columns::contains).toList();
        for (String l : labels) {
            if (!columns.contains(l)) {
                throw ApiException.badRequest("label column '" + l + "' is not in the file; columns: " + columns);
            }
        }
        if (labels.isEmpty()) {
            throw ApiException.badRequest("no label (prediction) columns: give 'label_columns' (comma-separated); "
                    + "columns: " + columns);
        }
        return labels;
    }

    private static List<String> features(List<String> columns, List<String> labels,
                                         Optional<ProjectRecords.ModelRecord> logged) {
        List<String> model = logged.map(ProjectRecords.ModelRecord::featureNames).orElse(List.of());
        if (!model.isEmpty() && columns.containsAll(model)) {
            return model;
        }
        List<String> f = new ArrayList<>(columns);
        f.removeAll(labels);
        if (f.isEmpty()) {
            throw ApiException.badRequest("no feature columns besides the labels " + labels);
        }
        return f;
    }

    private void ensureEndpoint(String p, Target t, List<String> features, List<String> labels,
                                Optional<ProjectRecords.ModelRecord> logged) {
        if (backend.endpoints().get(p, t.uid()).isPresent()) {
            return;
        }
        FeatureStats stats = logged.map(ProjectRecords.ModelRecord::featureStats).orElse(FeatureStats.empty());
        var spec = ModelEndpoint.Spec.builder().functionUri(t.functionUri()).model(t.model()).modelVersion(t.version())
                .modelClass("batch").modelUri(logged.map(ProjectRecords.ModelRecord::modelPath).orElse(null))
                .featureNames(features).labelNames(labels).monitoringMode(MonitoringMode.ENABLED).active(true).build();
        backend.endpoints().put(new ModelEndpoint(new ModelEndpoint.Metadata(p, t.uid(), null), spec,
                ModelEndpoint.Status.initial(stats)));
    }

    private static List<byte[]> events(String p, Target t, BatchFile data, List<String> features,
                                       List<String> labels) {
        int[] fi = features.stream().mapToInt(data.columns::indexOf).toArray();
        int[] li = labels.stream().mapToInt(data.columns::indexOf).toArray();
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= data.rows.size(); i++) {
            boolean cut = i == data.rows.size() || i - start >= MAX_ROWS_PER_EVENT
                    || !data.rows.get(i).time().equals(data.rows.get(start).time());
            if (cut) {
                out.add(event(p, t, data.rows.subList(start, i), fi, li, out.size()));
                start = i;
            }
        }
        return out;
    }

    private static byte[] event(String p, Target t, List<BatchFile.Row> rows, int[] fi, int[] li, int n) {
        ObjectNode e = Json.object().put("project", p).put("class", "batch").put("worker", "0").put("model", t.model())
                .put("version", t.version()).put("host", "batch-upload").put("function_uri", t.functionUri())
                .put("op", "infer").put("when", rows.getFirst().time().toString()).put("microsec", 0);
        String id = "batch-" + rows.getFirst().time().toEpochMilli() + "-" + n;
        ArrayNode inputs = e.putObject("request").put("id", id).putArray("inputs");
        ArrayNode outputs = e.putObject("resp").put("id", id).put("model_name", t.model()).putArray("outputs");
        for (BatchFile.Row r : rows) {
            ArrayNode in = inputs.addArray();
            for (int i : fi) {
                in.addPOJO(r.values()[i]);
            }
            if (li.length == 1) {
                outputs.addPOJO(r.values()[li[0]]);
            } else {
                ArrayNode o = outputs.addArray();
                for (int i : li) {
                    o.addPOJO(r.values()[i]);
                }
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise a batch event", ex);
        }
    }
}
