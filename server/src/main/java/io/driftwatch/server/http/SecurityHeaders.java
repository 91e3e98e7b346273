package io.driftwatch.server.http;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
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

    /** Made once: every answer carries the same four fields. */
    private static final List<HttpField> FIELDS = List.of(new HttpField("Content-Security-Policy", CSP),
            new HttpField("X-Frame-Options", "DENY"), new HttpField("X-Content-Type-Options", "nosniff"),
            new HttpField("Referrer-Policy", "no-referrer"));

    private SecurityHeaders() {
    }

    /** Puts the headers on {@code headers} (replacing any earlier value). */
    public static void apply(HttpFields.Mutable headers) {
        for (HttpField f : FIELDS) {
            headers.put(f);
        }
    }
}
