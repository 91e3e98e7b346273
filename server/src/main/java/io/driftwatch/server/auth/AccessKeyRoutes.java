package io.driftwatch.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.AccessKeyStore.KeyRow;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /projects/{p}/access-keys}: create ({@code POST {"role"}} → 201 with the key, shown only in this answer),
 * list (prefixes, roles, creation times; never a key or hash) and revoke ({@code DELETE …/{id}}, effective at once).
 * Admin of the project (or the server admin) only, per {@link RoutePolicy}.
 */
public final class AccessKeyRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/access-keys";
    private final Backend backend;
    private final Authenticator auth;

    /** Routes over the projects of {@code backend} and the keys of {@code auth}. */
    public AccessKeyRoutes(Backend backend, Authenticator auth) {
        this.backend = backend;
        this.auth = auth;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(BASE, this::create);
        r.get(BASE, this::list);
        r.delete(BASE + "/{id}", this::revoke);
    }

    private void create(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        JsonNode body = Json.parseObject(RequestBodies.read(ctx, 1 << 16));
        JsonNode role = body.get("role");
        if (role == null || !role.isTextual()) {
            throw ApiException.badRequest("missing field 'role' (viewer, ingest, editor or admin)");
        }
        Role r;
        try {
            r = Role.parse(role.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Authenticator.Created c = auth.create(p, r);
        Responses.json(ctx, 201, json(c.row()).put("key", c.key()));
    }

    private void list(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        ArrayNode out = Json.MAPPER.createArrayNode();
        auth.keys(p).forEach(k -> out.add(json(k)));
        Responses.json(ctx, 200, Json.object().set("access_keys", out));
    }

    private void revoke(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String id = ctx.pathParam("id");
        if (!auth.revoke(p, id)) {
            throw ApiException.notFound("access key '" + id + "' not found in project '" + p + "'");
        }
        ctx.status(204);
    }

    private static ObjectNode json(KeyRow k) {
        return Json.object().put("id", k.id()).put("prefix", KeyHasher.KEY_PREFIX + k.id()).put("role", k.role())
                .put("project", k.project()).put("created", Json.time(k.created()));
    }
}
