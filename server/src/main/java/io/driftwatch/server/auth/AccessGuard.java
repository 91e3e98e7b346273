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
 * asking; JSON needs a CORS preflight that this server never grants) or when a browser's state-changing request
 * (a session cookie, {@code Origin}, {@code Sec-Fetch-Site}) declares none.
 */
public final class AccessGuard implements Handler {
    private static final String ATTRIBUTE = "driftwatch.principal";
    private static final String FAILED_LOGIN = "driftwatch.failed-login";
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
        boolean changing = !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
        Access need = policy.access(method, e.path);
        boolean changes = changing && need != Access.OPEN && need != Access.VIEWER;
        if (!auth.required()) { // auth off: every caller is the local principal, nothing to look up
            ctx.attribute(ATTRIBUTE, Principal.LOCAL);
            refuseCrossSite(ctx, changes);
            requireDeclaredType(ctx, method, e.path, changing && fromBrowser(ctx));
            policy.requireBodyType(method, e.path, ctx.contentType());
            return;
        }
        Authenticator.Call call = new Authenticator.Call(ctx.header("Authorization"),
                ctx.header(Authenticator.SESSION_KEY_HEADER), ctx.cookie(SessionRoutes.COOKIE),
                ctx.header(SessionRoutes.CSRF_HEADER), changing, ctx.ip());
        try {
            Principal p = auth.check(need, RoutePolicy.project(e.path, ctx.path()), call);
            if (p != null) {
                ctx.attribute(ATTRIBUTE, p);
            }
        } catch (ApiException x) {
            if (x.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
                if (call.headerKey() != null || call.bySession()) {
                    ctx.attribute(FAILED_LOGIN, Boolean.TRUE);
                }
            }
            throw x;
        }
        if (call.bySession()) {
            refuseCrossSite(ctx, changes);
        }
        requireDeclaredType(ctx, method, e.path, changing && need != Access.OPEN && call.bySession());
        policy.requireBodyType(method, e.path, ctx.contentType());
    }

    /** True when a request authenticated by a key failed to: a wrong or revoked key, an ended session. */
    public static boolean failedLogin(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(FAILED_LOGIN));
    }

    /**
     * 415 for a state-changing request of a browser (a session cookie, an {@code Origin} or {@code Sec-Fetch-Site}
     * header) that declares no Content-Type: a page of another site can send such a body (a {@code Blob} without a
     * type) without a CORS preflight. Clients that send a key by header keep the route's default type.
     */
    private void requireDeclaredType(Context ctx, String method, String pattern, boolean browser) {
        String type = ctx.contentType();
        boolean body = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        if (browser && body && (type == null || type.isBlank())) {
            throw ApiException.unsupportedMediaType("a state-changing request from a browser must declare its "
                    + "Content-Type: send " + String.join(" or ", policy.bodyTypes(method, pattern)));
        }
    }

    /**
     * 403 for a state-changing call that a browser marks as sent by a page of another site ({@code Sec-Fetch-Site:
     * cross-site} or {@code same-site}; without that header, an {@code Origin} other than the {@code Host}): the
     * defence when no key is needed (auth off on loopback) or only the cookie authenticates. Reads sent as POST
     * (Grafana's queries) are not refused: they change nothing and their answers are not readable cross-site.
     */
    private static void refuseCrossSite(Context ctx, boolean changes) {
        if (!changes) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        String origin = ctx.header("Origin");
        boolean cross = site != null ? "cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)
                : origin != null && !"null".equals(origin) && !sameHost(origin, ctx.host());
        if (cross || "null".equals(origin)) {
            throw new ApiException(403, "forbidden", "state-changing requests from pages of other sites are "
                    + "refused (Sec-Fetch-Site: " + site + ", Origin: " + origin + ")");
        }
    }

    private static boolean sameHost(String origin, String host) {
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static boolean fromBrowser(Context ctx) {
        return ctx.header("Origin") != null || ctx.header("Sec-Fetch-Site") != null
                || ctx.cookie(SessionRoutes.COOKIE) != null;
    }
}
