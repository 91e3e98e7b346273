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
 * list (prefixes, roles, creation times; never a key or hash), revoke ({@code DELETE …/{id}}, effective at once) and
 * rotate ({@code POST …/{id}/rotate} → 201 with a new key of the same role; the old one stops at once), and the
 * server admin key's rotation ({@code POST /admin-key/rotate} → 201 {@code {"key"}}, a generated key only).
 * Admin of the project (or the server admin) only, per {@link RoutePolicy}.
 */
public final class AccessKeyRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/access-keys";
    /** The server admin key's rotation route. */
    public static final String ADMIN_KEY_ROTATE = ApiServer.PREFIX + "/admin-key/rotate";
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
        r.post(BASE + "/{id}/rotate", this::rotate);
        r.post(ADMIN_KEY_ROTATE, this::rotateAdminKey);
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

    private void rotate(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String id = ctx.pathParam("id");
        Authenticator.Created c = auth.rotate(p, id).orElseThrow(() ->
                ApiException.notFound("access key '" + id + "' not found in project '" + p + "'"));
        Responses.json(ctx, 201, json(c.row()).put("key", c.key()).put("replaces", id));
    }

    private void rotateAdminKey(Context ctx) {
        String key;
        try {
            key = auth.rotateAdminKey();
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        Responses.json(ctx, 201, Json.object().put("key", key));
    }

    private static ObjectNode json(KeyRow k) {
        return Json.object().put("id", k.id()).put("prefix", KeyHasher.KEY_PREFIX + k.id()).put("role", k.role())
                .put("project", k.project()).put("created", Json.time(k.created()));
    }
}
