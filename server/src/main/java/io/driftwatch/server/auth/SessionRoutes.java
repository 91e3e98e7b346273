package io.driftwatch.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The web UI's login (issue 18 pt 2). {@code POST /api/v1/session {"key"}} checks the key, opens a server-side
 * {@link Sessions session} and answers 200 {@code {"project", "role", "csrf"}} with an {@code HttpOnly;
 * SameSite=Strict} cookie holding the session's id and secret — never the key. {@code GET /api/v1/session} answers
 * the same for the cookie's live session (401 without one; {@code {"auth": "off"}} when the server needs no key), so
 * the UI gets its CSRF token back after a reload. {@code DELETE /api/v1/session} (logout) ends the session on every
 * server sharing the key store and clears the cookie. State-changing calls authenticated by the cookie must carry
 * the session's CSRF token in {@value #CSRF_HEADER}.
 */
public final class SessionRoutes {
    /** The session cookie. */
    public static final String COOKIE = "dw_session";
    /** The header that carries the session's CSRF token on state-changing calls authenticated by the cookie. */
    public static final String CSRF_HEADER = "X-Driftwatch-Csrf";
    /** The route. */
    public static final String PATH = ApiServer.PREFIX + "/session";
    private final Authenticator auth;

    /** The routes over {@code auth}. */
    public SessionRoutes(Authenticator auth) {
        this.auth = auth;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(PATH, this::login);
        r.get(PATH, this::current);
        r.delete(PATH, this::logout);
    }

    private void login(Context ctx) {
        if (ctx.contentType() == null || ctx.contentType().isBlank()) {
            throw ApiException.unsupportedMediaType("a login needs 'Content-Type: application/json'");
        }
        JsonNode key = Json.parseObject(RequestBodies.read(ctx, 4096)).get("key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw ApiException.badRequest("missing field 'key' (an access key)");
        }
        auth.throttle().admit(ctx.ip());
        Principal p = auth.principal(key.asText().trim()).orElse(null);
        if (p == null) {
            auth.throttle().failed(ctx.ip());
            throw new ApiException(401, "unauthorized", "unknown or revoked access key");
        }
        Sessions.Opened opened = auth.openSession(p);
        String secure = "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
        ctx.header("Set-Cookie", COOKIE + "=" + opened.cookie() + "; Path=/; Max-Age="
                + Sessions.MAX_AGE.toSeconds() + "; HttpOnly; SameSite=Strict" + secure);
        Responses.json(ctx, 200, describe(opened.session()));
    }

    private void current(Context ctx) {
        if (!auth.required()) {
            Responses.json(ctx, 200, Json.object().put("auth", "off"));
            return;
        }
        Sessions.Session s = auth.session(ctx.cookie(COOKIE)).orElseThrow(() ->
                new ApiException(401, "unauthorized", "no live session: log in with POST " + PATH));
        Responses.json(ctx, 200, describe(s));
    }

    private void logout(Context ctx) {
        Sessions.Session s = auth.session(ctx.cookie(COOKIE)).orElse(null);
        if (s != null && !Sessions.csrfMatches(s, ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, "forbidden", "logging out needs the header " + CSRF_HEADER
                    + " with the session's CSRF token");
        }
        if (s != null) {
            auth.closeSession(s);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(204);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode describe(Sessions.Session s) {
        Principal p = s.principal();
        return Json.object().put("project", p.project()).put("role", p.role().value())
                .put("server_admin", p.allProjects()).put("csrf", s.csrf()).put("expires_after_seconds", Sessions.MAX_AGE.toSeconds());
    }
}
