package io.driftwatch.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.alerts.ActivationJson;
import io.driftwatch.engine.alerts.AlertActivation;
import io.driftwatch.engine.alerts.AlertConfig;
import io.driftwatch.engine.alerts.AlertConfigJson;
import io.driftwatch.engine.alerts.AlertEngine;
import io.driftwatch.engine.alerts.AlertTemplates;
import io.driftwatch.engine.alerts.EventKinds;
import io.driftwatch.engine.alerts.InvalidAlertException;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Names;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts (DESIGN.md §9–10): {@code PUT|GET|DELETE /projects/{p}/alerts/{name}}, {@code GET …/alerts},
 * {@code POST …/alerts/{name}/reset}, {@code POST …/alerts/{name}/enable|disable} (sets the config's {@code enabled}:
 * a disabled alert is kept but neither counts events, fires nor notifies), {@code GET …/alerts/{name}/activations},
 * {@code GET /projects/{p}/alert-activations[?endpoint=&alert=&state=&since=&limit=]},
 * {@code GET …/alert-activations/{id}}, {@code POST /projects/{p}/events/{kind}} (MLRun's manual event), and
 * {@code GET /alert-templates[/{name}]}. Configs are returned with secrets masked and with {@code state}
 * (active|inactive); a bad config is a 400 whose message starts with the field.
 */
public final class AlertRoutes {
    private static final int MAX_BODY = 1 << 20;
    private final Backend backend;

    /** Routes over the stores of {@code backend}. */
    public AlertRoutes(Backend backend) {
        this.backend = backend;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        String a = ApiServer.PREFIX + "/projects/{p}/alerts";
        r.put(a + "/{name}", this::put);
        r.get(a + "/{name}", this::get);
        r.delete(a + "/{name}", this::delete);
        r.get(a, this::list);
        r.post(a + "/{name}/reset", this::reset);
        r.post(a + "/{name}/enable", ctx -> enable(ctx, true));
        r.post(a + "/{name}/disable", ctx -> enable(ctx, false));
        r.get(a + "/{name}/activations", ctx -> activations(ctx, ctx.pathParam("name")));
        r.get(ApiServer.PREFIX + "/projects/{p}/alert-activations", ctx -> activations(ctx, null));
        r.get(ApiServer.PREFIX + "/projects/{p}/alert-activations/{id}", this::activation);
        r.post(ApiServer.PREFIX + "/projects/{p}/events/{kind}", this::event);
        r.get(ApiServer.PREFIX + "/alert-templates", this::templates);
        r.get(ApiServer.PREFIX + "/alert-templates/{name}", this::template);
    }

    private AlertEngine engine(Context ctx) {
        if (backend.alerts() == null) {
            throw new ApiException(503, "unavailable", "this server runs without the alert engine");
        }
        backend.requireProject(ctx.pathParam("p"));
        return backend.alerts();
    }

    private ObjectNode view(AlertEngine engine, AlertConfig c) {
        ObjectNode o = AlertConfigJson.toJson(c, true);
        o.put("state", engine.isActive(c.project(), c.name()) ? "active" : "inactive");
        return o;
    }

    private void put(Context ctx) {
        AlertEngine engine = engine(ctx);
        String p = ctx.pathParam("p");
        String name = Names.requireShort("alert name", ctx.pathParam("name"));
        JsonNode body = Json.parseObject(RequestBodies.read(ctx, MAX_BODY));
        boolean existed = engine.get(p, name).isPresent();
        AlertConfig stored;
        try {
            stored = engine.put(AlertConfigJson.parse(p, name, body));
        } catch (InvalidAlertException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Responses.json(ctx, existed ? 200 : 201, view(engine, stored));
    }

    private AlertConfig config(AlertEngine engine, Context ctx) {
        String p = ctx.pathParam("p");
        String name = ctx.pathParam("name");
        return engine.get(p, name).orElseThrow(() ->
                ApiException.notFound("alert '" + name + "' not found in project '" + p + "'"));
    }

    private void get(Context ctx) {
        AlertEngine engine = engine(ctx);
        Responses.json(ctx, 200, view(engine, config(engine, ctx)));
    }

    private void list(Context ctx) {
        AlertEngine engine = engine(ctx);
        ArrayNode out = Json.MAPPER.createArrayNode();
        engine.list(ctx.pathParam("p")).forEach(c -> out.add(view(engine, c)));
        Responses.json(ctx, 200, out);
    }

    private void delete(Context ctx) {
        AlertEngine engine = engine(ctx);
        config(engine, ctx);
        engine.delete(ctx.pathParam("p"), ctx.pathParam("name"));
        ctx.status(204);
    }

    private void reset(Context ctx) {
        AlertEngine engine = engine(ctx);
        AlertConfig c = config(engine, ctx);
        List<AlertActivation> reset = engine.reset(c.project(), c.name());
        ObjectNode out = view(engine, c);
        ArrayNode ids = out.putArray("reset_activations");
        reset.forEach(x -> ids.add(x.id()));
        Responses.json(ctx, 200, out);
    }

    private void enable(Context ctx, boolean on) {
        AlertEngine engine = engine(ctx);
        AlertConfig c = config(engine, ctx);
        Responses.json(ctx, 200, view(engine, engine.setEnabled(c.project(), c.name(), on)));
    }

    private void activations(Context ctx, String alert) {
        AlertEngine engine = engine(ctx);
        String p = ctx.pathParam("p");
        if (alert != null) {
            config(engine, ctx);
            Query.allow(ctx, "state", "since", "limit", "endpoint");
        } else {
            Query.allow(ctx, "state", "since", "limit", "endpoint", "alert");
        }
        String state = Query.oneOf(ctx, "state", null, List.of("active", "resolved"));
        int limit = limit(ctx.queryParam("limit"));
        ActivationQuery q = new ActivationQuery(p, alert != null ? alert : ctx.queryParam("alert"),
                ctx.queryParam("endpoint"), state == null ? null : state.equals("active"),
                Query.time(ctx, "since", backend.clock().instant()), limit);
        ArrayNode out = Json.MAPPER.createArrayNode();
        engine.activations(q).forEach(x -> out.add(ActivationJson.toJson(x)));
        Responses.json(ctx, 200, out);
    }

    private static int limit(String v) {
        if (v == null || v.isEmpty()) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("query parameter 'limit' must be an integer in [1, 10000], got '" + v + "'");
    }

    private void activation(Context ctx) {
        AlertEngine engine = engine(ctx);
        String id = ctx.pathParam("id");
        AlertActivation a = engine.activation(ctx.pathParam("p"), id).orElseThrow(() ->
                ApiException.notFound("alert activation '" + id + "' not found"));
        Responses.json(ctx, 200, ActivationJson.toJson(a));
    }

    /** MLRun's {@code POST /projects/{p}/events/{name}}: {@code {kind?, entity: {kind, project, ids: [id]}, value_dict}}. */
    private void event(Context ctx) {
        AlertEngine engine = engine(ctx);
        String p = ctx.pathParam("p");
        String kind = ctx.pathParam("kind");
        if (!EventKinds.ALL.contains(kind)) {
            throw ApiException.badRequest("unknown event kind '" + kind + "', expected one of " + EventKinds.ALL);
        }
        JsonNode body = Json.parseObject(RequestBodies.read(ctx, MAX_BODY));
        JsonNode id = body.at("/entity/ids/0");
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw ApiException.badRequest("field 'entity.ids' must hold one entity id");
        }
        JsonNode value = body.get("value_dict");
        if (value != null && !value.isNull() && !value.isObject()) {
            throw ApiException.badRequest("field 'value_dict' must be an object");
        }
        Map<String, Object> v = value == null || value.isNull() ? new LinkedHashMap<>()
                : Json.MAPPER.convertValue(value, new TypeReference<
                        LinkedHashMap<String, Object>>() {
                });
        engine.onEvent(new EngineEvent(kind, p, EventKinds.entityKind(kind), id.asText(), v, backend.clock().instant()));
        Responses.json(ctx, 202, Json.object().put("kind", kind).put("entity_id", id.asText()));
    }

    private void templates(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String name : AlertTemplates.names()) {
            ObjectNode t = AlertTemplates.get(name).orElseThrow();
            out.addObject().put("name", name).put("description", t.path("description").asText()).set("config", t);
        }
        Responses.json(ctx, 200, out);
    }

    private void template(Context ctx) {
        String name = ctx.pathParam("name");
        Responses.json(ctx, 200, AlertTemplates.get(name).orElseThrow(() -> ApiException.notFound(
                "alert template '" + name + "' not found; templates: " + AlertTemplates.names())));
    }
}
