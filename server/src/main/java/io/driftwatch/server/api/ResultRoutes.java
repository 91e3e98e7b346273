package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.SafeNames;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint's application outputs: {@code /metrics} (which results and metrics exist, with full names
 * {@code {project}.{app}.result|metric.{name}}), {@code /metrics-values} (their values per window end, default range
 * the last 24 h; {@code [end, value, status]} per result window, MLRun's shape, and with {@code extra_data=true} the
 * result's extra_data object as a fourth element) and {@code /artifacts} (drift tables and other files logged by apps).
 */
public final class ResultRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/model-endpoints/{uid}";
    private static final Pattern FULL_NAME = Pattern.compile("([^.]+)\\.([^.]+)\\.(result|metric)\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private final Backend backend;

    /** Routes over the stores of {@code backend}. */
    public ResultRoutes(Backend backend) {
        this.backend = backend;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.get(BASE + "/metrics", this::metrics);
        r.get(BASE + "/metrics-values", this::values);
        r.get(BASE + "/artifacts", this::artifacts);
        r.get(BASE + "/artifacts/{app}/{name}", this::artifact);
    }

    private void metrics(Context ctx) {
        Query.allow(ctx, "type");
        String type = Query.oneOf(ctx, "type", "all", List.of("results", "metrics", "all"));
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        backend.requireEndpoint(p, uid);
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (!type.equals("metrics")) {
            for (TimeSeriesRecords.AppResult r : backend.timeSeries().latestAppResults(p, uid)) {
                entry(out, p, r.application(), "result", r.name()).put("result_kind", r.kind().code());
            }
        }
        if (!type.equals("results")) {
            for (TimeSeriesRecords.AppMetric m : backend.timeSeries().latestAppMetrics(p, uid)) {
                entry(out, p, m.application(), "metric", m.name());
            }
        }
        Responses.json(ctx, 200, out);
    }

    private static ObjectNode entry(ArrayNode out, String p, String app, String type, String name) {
        return out.addObject().put("project", p).put("app", app).put("type", type).put("name", name)
                .put("full_name", p + "." + app + "." + type + "." + name);
    }

    private void values(Context ctx) {
        Query.allow(ctx, "name", "start", "end", "extra_data", "history");
        boolean extra = Query.bool(ctx, "extra_data", false);
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        backend.requireEndpoint(p, uid);
        List<String> names = ctx.queryParams("name");
        if (names.isEmpty()) {
            throw ApiException.badRequest("missing query parameter 'name': give one or more full names such as "
                    + p + ".histogram-data-drift.result.general_drift");
        }
        List<Matcher> parsed = names.stream().map(n -> parse(p, n)).toList();
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now);
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(Duration.ofHours(24)));
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("end " + end + " is not after start " + start);
        }
        boolean history = Query.bool(ctx, "history", false);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Matcher m : parsed) {
            ObjectNode s = series(p, uid, m, start, end, extra);
            if (history && m.group(3).equals("result")) {
                s.set("history", ResultHistory.json(backend.timeSeries().appResultHistory(p, uid, m.group(2),
                        m.group(4), start, end)));
            }
            out.add(s);
        }
        Responses.json(ctx, 200, out);
    }

    private static Matcher parse(String project, String fullName) {
        Matcher m = FULL_NAME.matcher(fullName);
        if (!m.matches()) {
            throw ApiException.badRequest("invalid full name '" + fullName
                    + "': expected {project}.{app}.result|metric.{name}");
        }
        if (!m.group(1).equals(project)) {
            throw ApiException.badRequest("full name '" + fullName + "' belongs to project '" + m.group(1)
                    + "', not '" + project + "'");
        }
        return m;
    }

    private ObjectNode series(String p, String uid, Matcher m, Instant start, Instant end, boolean extra) {
        String app = m.group(2);
        String name = m.group(4);
        boolean result = m.group(3).equals("result");
        ObjectNode s = Json.object().put("full_name", m.group()).put("type", m.group(3));
        ArrayNode values = Json.MAPPER.createArrayNode();
        if (result) {
            List<TimeSeriesRecords.AppResult> rows = backend.timeSeries().appResults(p, uid, app, name, start, end);
            for (TimeSeriesRecords.AppResult r : rows) {
                ArrayNode v = values.addArray().add(r.windowEnd().toString()).add(r.value()).add(r.status().code());
                if (extra) {
                    v.add(extraData(r.extraDataJson()));
                }
            }
            if (!rows.isEmpty()) {
                s.put("result_kind", rows.getLast().kind().code());
            }
        } else {
            for (TimeSeriesRecords.AppMetric r : backend.timeSeries().appMetrics(p, uid, app, name, start, end)) {
                values.addArray().add(r.windowEnd().toString()).add(r.value());
            }
        }
        s.put("data", !values.isEmpty());
        s.set("values", values);
        return s;
    }

    private static JsonNode extraData(String json) {
        if (json == null || json.isEmpty()) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.object().put("unreadable", json);
        }
    }

    private void artifacts(Context ctx) {
        Query.allow(ctx, "app");
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        backend.requireEndpoint(p, uid);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ArtifactStore.Key k : backend.artifacts().list(p, uid, ctx.queryParam("app")).reversed()) {
            out.addObject().put("app", k.application()).put("name", k.name()).put("window_end", Json.time(k.windowEnd()))
                    .put("url", ApiServer.PREFIX + "/projects/" + p + "/model-endpoints/" + uid + "/artifacts/"
                            + k.application() + "/" + k.name() + "?window_end=" + k.windowEnd());
        }
        Responses.json(ctx, 200, out);
    }

    /** One artifact; the newest of that app and name when {@code window_end} is absent. */
    private void artifact(Context ctx) {
        Query.allow(ctx, "window_end");
        String p = ctx.pathParam("p");
        String uid = ctx.pathParam("uid");
        String app = SafeNames.require("application name", ctx.pathParam("app"));
        String name = SafeNames.require("artifact name", ctx.pathParam("name"));
        backend.requireEndpoint(p, uid);
        String we = ctx.queryParam("window_end");
        Instant windowEnd = we == null ? null : Query.parseTime("window_end", we, backend.clock().instant());
        Optional<ArtifactStore.Artifact> a;
        try {
            a = backend.artifacts().list(p, uid, app).stream()
                    .filter(k -> k.name().equals(name) && (windowEnd == null || k.windowEnd().equals(windowEnd)))
                    .reduce((x, y) -> y).flatMap(backend.artifacts()::get);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ArtifactStore.Artifact found = a.orElseThrow(() -> ApiException.notFound("artifact '" + name + "' of app '"
                + app + "' not found for endpoint '" + uid + "'" + (windowEnd == null ? "" : " at window end " + windowEnd)));
        ctx.status(200).contentType(found.contentType()).result(found.content());
    }
}
