package io.driftwatch.server.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.auth.AccessGuard;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Grafana datasource (DESIGN.md §10, MLRun's {@code grafana-proxy/model-endpoints}) in the SimpleJson protocol
 * of the {@code grafana-simple-json-datasource} plugin: {@code GET} (health), {@code POST /search} (template
 * variables), {@code POST /query} (table and timeserie answers), {@code POST /annotations} (none). Targets are
 * {@code target_endpoint=<name>;key=value;...}; {@code docs/observability.md} lists them. Every target of a query
 * is answered, in order; an unknown target or parameter is a 400 naming it.
 */
public final class GrafanaRoutes {
    /** The datasource URL Grafana is pointed at. */
    public static final String BASE = ApiServer.PREFIX + "/grafana-proxy/model-endpoints";
    private final Backend backend;
    private final GrafanaTables tables;
    private final GrafanaSeries series;

    /** Routes over the stores of {@code backend}. */
    public GrafanaRoutes(Backend backend) {
        this.backend = backend;
        this.tables = new GrafanaTables(backend);
        this.series = new GrafanaSeries(backend);
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.get(BASE, ctx -> Responses.json(ctx, 200, Json.object().put("status", "ok")));
        r.post(BASE + "/search", this::search);
        r.post(BASE + "/query", this::query);
        r.post(BASE + "/annotations", ctx -> Responses.json(ctx, 200, Json.MAPPER.createArrayNode()));
    }

    private void search(Context ctx) {
        ObjectNode body = Json.parseObject(ctx.bodyAsBytes());
        Instant now = backend.clock().instant();
        GrafanaTarget t = GrafanaTarget.parse(body.path("target").asText(null), now.minus(Duration.ofDays(1)), now,
                Duration.ofMinutes(1));
        ArrayNode out = Json.MAPPER.createArrayNode();
        switch (t.endpoint()) {
            case "list_projects" -> backend.projects().projects().stream().filter(p -> AccessGuard.canRead(ctx, p))
                    .forEach(out::add);
            case "list_endpoints" -> {
                t.allow("project");
                String p = project(ctx, t);
                for (ModelEndpoint ep : backend.endpoints().list(p, EndpointFilter.ALL)) {
                    out.addObject().put("text", ep.spec().model() + " (" + ep.spec().functionUri() + ") " + ep.uid())
                            .put("value", ep.uid());
                }
            }
            case "list_applications" -> {
                t.allow("project");
                String p = project(ctx, t);
                new TreeSet<>(backend.projects().applications(p).stream().map(a -> a.name()).toList())
                        .forEach(out::add);
            }
            default -> throw ApiException.badRequest("unknown Grafana search target '" + t.endpoint()
                    + "'; known: list_projects, list_endpoints, list_applications");
        }
        Responses.json(ctx, 200, out);
    }

    private void query(Context ctx) {
        ObjectNode body = Json.parseObject(ctx.bodyAsBytes());
        Instant now = backend.clock().instant();
        JsonNode range = body.path("range");
        Instant from = range.has("from") ? Query.parseTime("range.from", range.path("from").asText(), now)
                : now.minus(Duration.ofHours(1));
        Instant to = range.has("to") ? Query.parseTime("range.to", range.path("to").asText(), now) : now;
        long intervalMs = body.path("intervalMs").asLong(0);
        long maxPoints = body.path("maxDataPoints").asLong(0);
        long byPoints = maxPoints > 0 ? Duration.between(from, to).toMillis() / maxPoints : 0;
        Duration interval = Duration.ofMillis(Math.max(Math.max(intervalMs, byPoints), 1000));
        JsonNode targets = body.path("targets");
        if (!targets.isArray()) {
            throw ApiException.badRequest("Grafana query needs a 'targets' array");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode target : targets) {
            if (target.path("hide").asBoolean(false)) {
                continue;
            }
            answer(ctx, GrafanaTarget.parse(target.path("target").asText(null), from, to, interval), out);
        }
        Responses.json(ctx, 200, out);
    }

    private void answer(Context ctx, GrafanaTarget t, ArrayNode out) {
        project(ctx, t);
        if (GrafanaTables.TARGETS.contains(t.endpoint())) {
            out.add(tables.table(t));
        } else if (GrafanaSeries.TARGETS.contains(t.endpoint())) {
            series.series(t).forEach(out::add);
        } else {
            throw ApiException.badRequest("unknown Grafana target_endpoint '" + t.endpoint() + "'; known: "
                    + new TreeSet<>(concat(GrafanaTables.TARGETS, GrafanaSeries.TARGETS)));
        }
    }

    /** The target's project: 404 unless it exists and the caller's key may read it (a viewer key via header). */
    private String project(Context ctx, GrafanaTarget t) {
        String p = t.require("project");
        if (!AccessGuard.canRead(ctx, p)) {
            throw ApiException.notFound("project '" + p + "' not found");
        }
        backend.requireProject(p);
        return p;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
