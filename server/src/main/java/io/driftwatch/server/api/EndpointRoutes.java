package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.FeatureAnalysis;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Names;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.SafeNames;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /projects/{p}/model-endpoints}: list with filters, create (get-or-create), get (with
 * {@code feature_analysis}), patch, delete (with the endpoint's time series and Parquet files), the endpoint's rows
 * ({@code /data}) and its live metrics. Records are written with the engine's {@link EndpointJson} codec.
 */
public final class EndpointRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/model-endpoints";
    private final Backend backend;
    private final StreamPaths streams;

    /** Routes over the stores of {@code backend}; {@code spec.stream_path} shows the embedded stream. */
    public EndpointRoutes(Backend backend) {
        this(backend, new StreamPaths(backend, BackendUri.EMBEDDED));
    }

    /** Routes over the stores of {@code backend}, filling empty {@code spec.stream_path}s from {@code streams}. */
    public EndpointRoutes(Backend backend, StreamPaths streams) {
        this.backend = backend;
        this.streams = streams;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.get(BASE, this::list);
        r.post(BASE, ctx -> create(ctx, null));
        r.post(BASE + "/{uid}", ctx -> create(ctx, ctx.pathParam("uid")));
        r.get(BASE + "/{uid}", this::get);
        r.patch(BASE + "/{uid}", this::patch);
        r.delete(BASE + "/{uid}", this::delete);
        r.get(BASE + "/{uid}/data", this::data);
        r.get(BASE + "/{uid}/live-metrics", this::liveMetrics);
    }

    /** The endpoint or 404 (also 404 for an unknown project): {@link Backend#requireEndpoint}. */
    public static ModelEndpoint require(Backend backend, String project, String uid) {
        return backend.requireEndpoint(project, uid);
    }

    private void list(Context ctx) {
        Query.allow(ctx, "model", "function", "label", "start", "end", "uid", "top-level", "metric");
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : ctx.queryParams("label")) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest("query parameter 'label' must be key=value, got '" + l + "'");
            }
            labels.put(l.substring(0, eq), l.substring(eq + 1));
        }
        Instant now = backend.clock().instant();
        EndpointFilter f = new EndpointFilter(ctx.queryParam("model"), ctx.queryParam("function"), labels,
                Query.time(ctx, "start", now), Query.time(ctx, "end", now));
        List<String> uids = ctx.queryParams("uid");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ModelEndpoint ep : backend.endpoints().list(p, f)) {
            if (uids.isEmpty() || uids.contains(ep.uid())) {
                out.add(streams.tree(ep));
            }
        }
        Responses.json(ctx, 200, out);
    }

    private void get(Context ctx) {
        Query.allow(ctx, "feature_analysis", "start", "end", "metric");
        boolean analysis = Query.bool(ctx, "feature_analysis", false);
        ModelEndpoint ep = require(backend, ctx.pathParam("p"), ctx.pathParam("uid"));
        ObjectNode body = streams.tree(ep);
        if (analysis) {
            body.set("features", FeatureAnalysis.features(ep));
        }
        Responses.json(ctx, 200, body);
    }

    /** Get-or-create (MLRun's get_or_create_model_endpoint): 201 when created, 200 with the existing record. */
    private void create(Context ctx, String pathUid) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        ObjectNode body = Json.parseObject(RequestBodies.read(ctx, 16 << 20));
        ObjectNode meta = body.withObjectProperty("metadata");
        ObjectNode spec = body.withObjectProperty("spec");
        String project = meta.path("project").asText(p);
        if (!project.equals(p)) {
            throw ApiException.conflict("metadata.project '" + project + "' does not match the project '" + p + "' of the URL");
        }
        meta.put("project", p);
        String uid = meta.hasNonNull("uid") ? meta.get("uid").asText() : pathUid != null ? pathUid : derivedUid(p, spec);
        if (pathUid != null && !pathUid.equals(uid)) {
            throw ApiException.conflict("metadata.uid '" + uid + "' does not match the uid '" + pathUid + "' of the URL");
        }
        meta.put("uid", SafeNames.require("endpoint uid", uid));
        ModelEndpoint ep = decode(body);
        Names.requireShort("metadata.uid", uid);
        Names.requireShort("spec.model", ep.spec().model());
        Names.requireShort("spec.model_version", ep.spec().modelVersion());
        Names.requireShort("spec.function_uri", ep.spec().functionUri());
        requireShortNames(ep);
        Optional<ModelEndpoint> existing = backend.endpoints().get(p, uid);
        if (existing.isPresent()) {
            Responses.json(ctx, 200, streams.tree(existing.get()));
            return;
        }
        ep = withModelStats(backend, ep);
        backend.endpoints().put(ep);
        Responses.json(ctx, 201, streams.tree(ep));
    }

    private static String derivedUid(String project, ObjectNode spec) {
        String model = spec.path("model").asText("");
        if (model.isEmpty()) {
            throw ApiException.badRequest("missing metadata.uid and spec.model: one of them identifies the endpoint");
        }
        String fn = spec.path("function_uri").asText("");
        String version = spec.hasNonNull("model_version") ? spec.get("model_version").asText() : null;
        return fn.isEmpty() ? io.driftwatch.EndpointId.of(project, project + "/" + model, model, version)
                : EndpointId.of(project, fn, model, version);
    }

    /** Fills feature_stats, feature_names and label_names from the logged model when the record lacks them. */
    static ModelEndpoint withModelStats(Backend backend, ModelEndpoint ep) {
        if (!ep.status().featureStats().isEmpty() || ep.spec().model() == null) {
            return ep;
        }
        Optional<ProjectRecords.ModelRecord> m = ModelValidationSets.model(backend.projects(), ep);
        if (m.isEmpty()) {
            return ep;
        }
        ProjectRecords.ModelRecord model = m.get();
        var s = ep.spec();
        var spec = s.toBuilder().modelUri(s.modelUri() != null ? s.modelUri() : model.modelPath())
                .featureNames(s.featureNames().isEmpty() ? model.featureNames() : s.featureNames())
                .labelNames(s.labelNames().isEmpty() ? model.labelNames() : s.labelNames()).build();
        var status = ep.status().toBuilder().featureStats(model.featureStats()).build();
        return new ModelEndpoint(ep.metadata(), spec, status);
    }

    private void patch(Context ctx) {
        Query.allow(ctx, "attributes");
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        require(backend, p, uid);
        String attrs = ctx.queryParam("attributes");
        ObjectNode changes = attrs != null ? Json.parseObject(attrs.getBytes(StandardCharsets.UTF_8))
                : Json.parseObject(RequestBodies.read(ctx, 16 << 20));
        ModelEndpoint updated = backend.endpoints().update(p, uid, ep -> patched(ep, changes, p, uid))
                .orElseThrow(() -> ApiException.notFound("model endpoint " + uid + " not found in project " + p));
        Responses.json(ctx, 200, streams.tree(updated));
    }

    /** The record with the PATCH body deep-merged in (run atomically inside the store's update). */
    private static ModelEndpoint patched(ModelEndpoint ep, ObjectNode changes, String p, String uid) {
        ObjectNode merged = EndpointJson.toTree(ep);
        merge(merged, changes, "");
        if (!p.equals(merged.path("metadata").path("project").asText())
                || !uid.equals(merged.path("metadata").path("uid").asText())) {
            throw ApiException.badRequest("metadata.project and metadata.uid cannot be changed by PATCH");
        }
        return requireShortNames(decode(merged));
    }

    /** 400 when a label, feature or label name of {@code ep} is longer than {@link Names#MAX}. */
    private static ModelEndpoint requireShortNames(ModelEndpoint ep) {
        Names.requireShort("metadata.labels", ep.metadata().labels());
        Names.requireShort("spec.feature_names", ep.spec().featureNames());
        Names.requireShort("spec.label_names", ep.spec().labelNames());
        Names.requireShort("spec.model", ep.spec().model());
        Names.requireShort("spec.function_uri", ep.spec().functionUri());
        return ep;
    }

    /** Deep-merges {@code changes} into {@code target}: objects merge, everything else replaces. */
    private static void merge(ObjectNode target, ObjectNode changes, String path) {
        changes.properties().forEach(e -> {
            JsonNode cur = target.get(e.getKey());
            boolean section = path.isEmpty() && List.of("metadata", "spec", "status").contains(e.getKey());
            if (cur instanceof ObjectNode co && e.getValue() instanceof ObjectNode cv && section) {
                merge(co, cv, path + e.getKey() + ".");
            } else if (path.isEmpty() && !section) {
                throw ApiException.badRequest("unknown field '" + e.getKey() + "': PATCH takes metadata, spec and status");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    private static ModelEndpoint decode(JsonNode body) {
        try {
            return EndpointJson.fromTree(body, EndpointJson.Mode.STRICT);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest("invalid model endpoint: " + e.getMessage());
        }
    }

    private void delete(Context ctx) {
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        require(backend, p, uid);
        if (backend.timeSeries() != null) {
            backend.timeSeries().deleteEndpoint(p, uid);
        }
        if (backend.samples() != null) {
            backend.samples().deleteEndpoint(p, uid);
        }
        if (backend.artifacts() != null) {
            backend.artifacts().deleteEndpoint(p, uid);
        }
        backend.endpoints().delete(p, uid);
        ctx.status(204);
    }

    private void data(Context ctx) throws IOException {
        Query.allow(ctx, "start", "end", "format");
        String format = Query.oneOf(ctx, "format", "parquet", List.of("parquet", "csv", "json"));
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        require(backend, p, uid);
        Instant now = backend.clock().instant();
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(Instant.EPOCH);
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(Instant.parse("9999-01-01T00:00:00Z"));
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("end " + end + " is not after start " + start);
        }
        ctx.contentType(switch (format) {
            case "csv" -> "text/csv";
            case "json" -> "application/json";
            default -> "application/vnd.apache.parquet";
        });
        ctx.header("Content-Disposition", "attachment; filename=\"" + uid + "." + format + "\"");
        ctx.status(200);
        try (var out = ctx.outputStream()) {
            backend.samples().export(p, uid, start, end, format, out);
        }
    }

    private void liveMetrics(Context ctx) {
        ModelEndpoint ep = require(backend, ctx.pathParam("p"), ctx.pathParam("uid"));
        Responses.json(ctx, 200, EndpointJson.toTree(ep).path("status").path("metrics"));
    }
}
