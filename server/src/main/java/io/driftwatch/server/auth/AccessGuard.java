package io.driftwatch.server.auth;

import io.driftwatch.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;

/**
 * The Javalin before-handler of every matched route: asks {@link RoutePolicy} what the route (method + pattern)
 * needs, lets the {@link Authenticator} check the caller's key against it and the route's project, keeps the
 * caller for the route ({@link #principal}), and answers 415 when a state-changing request declares a Content-Type
 * the route does not accept (a page of another site can send {@code text/plain}, form and multipart bodies without
 * asking; JSON needs a CORS preflight that this server never grants).
 */
public final class AccessGuard implements Handler {
    private static final String ATTRIBUTE = "driftwatch.principal";
    private final RoutePolicy policy;
    private final Authenticator auth;

    /** The guard of {@code policy} over {@code auth}. */
    public AccessGuard(RoutePolicy policy, Authenticator auth) {
        this.policy = policy;
        this.auth = auth;
    }

    /** The caller of this request: {@link Principal#LOCAL} when auth is off; null on an open route without key. */
    public static Principal principal(Context ctx) {
        Object p = ctx.attribute(ATTRIBUTE);
        return p instanceof Principal principal ? principal : null;
    }

    /** True when the caller of this request may read project {@code p} (always when auth is off). */
    public static boolean canRead(Context ctx, String p) {
        Principal principal = principal(ctx);
        return principal != null && principal.canRead(p);
    }

    @Override
    public void handle(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        if (e == null) {
            return;
        }
        String method = e.method.name();
        if (!auth.required()) { // auth off: every caller is the local principal, nothing to look up
            ctx.attribute(ATTRIBUTE, Principal.LOCAL);
            policy.requireBodyType(method, e.path, ctx.contentType());
            return;
        }
        Access need = policy.access(method, e.path);
        try {
            boolean unsafe = !"GET".equals(method) && !"HEAD".equals(method)
                    && ctx.header(SessionRoutes.CSRF_HEADER) == null;
            Principal p = auth.check(need, RoutePolicy.project(e.path, ctx.path()), ctx.header("Authorization"),
                    ctx.header(Authenticator.SESSION_KEY_HEADER), ctx.cookie(SessionRoutes.COOKIE), unsafe);
            if (p != null) {
                ctx.attribute(ATTRIBUTE, p);
            }
        } catch (ApiException x) {
            if (x.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            throw x;
        }
        policy.requireBodyType(method, e.path, ctx.contentType());
    }
}
