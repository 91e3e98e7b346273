package io.driftwatch.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The web UI's login: {@code POST /api/v1/session {"key"}} checks the key and answers 200 with the caller's
 * project and role and an {@code HttpOnly; SameSite=Strict} cookie holding the key (scripts cannot read it, other
 * sites' requests do not carry it); {@code DELETE /api/v1/session} clears it. A key sent by cookie is looked up
 * like any other (a revoked key's session ends at once); state-changing calls authenticated by the cookie must
 * also carry the header {@value #CSRF_HEADER} (a custom header no other site can send without a CORS preflight).
 */
public final class SessionRoutes {
    /** The session cookie. */
    public static final String COOKIE = "dw_session";
    /** The header that state-changing calls authenticated by the cookie need. */
    public static final String CSRF_HEADER = "X-Driftwatch-Csrf";
    private static final String PATH = ApiServer.PREFIX + "/session";
    private static final Pattern COOKIE_SAFE = Pattern.compile("[A-Za-z0-9._~+/=-]{1,512}");
    private final Authenticator auth;

    /** The routes over {@code auth}. */
    public SessionRoutes(Authenticator auth) {
        this.auth = auth;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(PATH, this::login);
        r.delete(PATH, ctx -> {
            ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            ctx.status(204);
        });
    }

    private void login(Context ctx) {
        JsonNode key = Json.parseObject(RequestBodies.read(ctx, 4096)).get("key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw ApiException.badRequest("missing field 'key' (an access key)");
        }
        if (!COOKIE_SAFE.matcher(key.asText().trim()).matches()) {
            throw ApiException.badRequest("this key cannot be kept in a cookie (only letters, digits and -._~+/= "
                    + "are allowed): send it as 'Authorization: Bearer' instead");
        }
        Principal p = auth.principal(key.asText().trim()).orElseThrow(() ->
                new ApiException(401, "unauthorized", "unknown or revoked access key"));
        String secure = "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
        ctx.header("Set-Cookie", COOKIE + "=" + key.asText().trim() + "; Path=/; HttpOnly; SameSite=Strict" + secure);
        Responses.json(ctx, 200, Json.object().put("project", p.project()).put("role", p.role().value()));
    }
}
