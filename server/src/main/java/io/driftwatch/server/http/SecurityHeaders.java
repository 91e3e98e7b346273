package io.driftwatch.server.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * The security headers every answer of the server carries (issue 18 pt 8): a Content-Security-Policy that lets the
 * web UI load only its own scripts, styles and images (it has no inline script or style), no framing
 * ({@code X-Frame-Options: DENY}), no MIME sniffing and no Referer sent elsewhere. Set by the Jetty handler in
 * front of Javalin, so the UI, every API answer, every error and the ingest fast path get them alike.
 */
public final class SecurityHeaders {
    /** The Content-Security-Policy of every answer. */
    public static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** Puts the headers on {@code headers} (replacing any earlier value). */
    public static void apply(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
    }
}
