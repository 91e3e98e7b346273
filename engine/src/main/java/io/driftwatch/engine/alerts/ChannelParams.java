package io.driftwatch.engine.alerts;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters of each notification kind, their validation (every problem names the field) and the masking of
 * secrets (webhook and Slack URLs, header values, SMTP passwords) in everything the API returns.
 *
 * <ul>
 *   <li>{@code console}: none.</li>
 *   <li>{@code webhook}: {@code url} (http/https, secret), {@code method} POST|PUT|PATCH (POST), {@code headers}
 *       {name: value} (values secret), {@code body} (a template; default MLRun's
 *       {@code {message, severity, name, project, summary, value, id}}).</li>
 *   <li>{@code slack}: {@code webhook} (an incoming-webhook URL, secret).</li>
 *   <li>{@code email}: {@code host}, {@code port} (587), {@code username} + {@code password} (secret; both or
 *       neither), {@code from}, {@code to} (an address or a list), {@code starttls} (true: required),
 *       {@code ssl} (false; implicit TLS), {@code ssl_trust} (hosts to trust without a CA-signed certificate, e.g.
 *       a test server), {@code subject} (a template).</li>
 * </ul>
 */
public final class ChannelParams {
    /** The notification kinds. */
    public static final List<String> KINDS = List.of("console", "webhook", "slack", "email");
    /** What a masked secret reads. */
    public static final String MASK = "***";
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "console", Set.of(),
            "webhook", Set.of("url", "method", "headers", "body"),
            "slack", Set.of("webhook"),
            "email", Set.of("host", "port", "username", "password", "from", "to", "starttls", "ssl", "ssl_trust",
                    "subject"));

    private ChannelParams() {
    }

    /** Checks the params of {@code kind} and returns them with defaults filled in; {@code f} names the entry. */
    public static Map<String, Object> validate(String kind, Map<String, Object> params, String f) {
        if (kind == null || !ALLOWED.containsKey(kind)) {
            throw new InvalidAlertException(f + ".kind", "expected one of " + KINDS + ", got " + kind);
        }
        for (String k : params.keySet()) {
            if (!ALLOWED.get(kind).contains(k)) {
                throw new InvalidAlertException(f + ".params." + k, "unknown parameter of " + kind
                        + "; expected " + ALLOWED.get(kind));
            }
        }
        Map<String, Object> p = new LinkedHashMap<>(params);
        String pf = f + ".params.";
        switch (kind) {
            case "webhook" -> {
                url(p, "url", pf);
                String method = string(p, "method", "POST", pf).toUpperCase(Locale.ROOT);
                if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
                    throw new InvalidAlertException(pf + "method", "expected POST, PUT or PATCH, got " + method);
                }
                p.put("method", method);
                p.put("headers", headers(p.get("headers"), pf + "headers"));
                if (p.containsKey("body")) {
                    string(p, "body", null, pf);
                }
            }
            case "slack" -> url(p, "webhook", pf);
            case "email" -> email(p, pf);
            default -> { }
        }
        return p;
    }

    private static void email(Map<String, Object> p, String pf) {
        if (string(p, "host", null, pf) == null) {
            throw new InvalidAlertException(pf + "host", "required (the SMTP server)");
        }
        Object port = p.getOrDefault("port", 587);
        if (!(port instanceof Integer i) || i < 1 || i > 65535) {
            throw new InvalidAlertException(pf + "port", "expected an integer port, got " + port);
        }
        p.put("port", port);
        boolean user = string(p, "username", null, pf) != null;
        if (user != (string(p, "password", null, pf) != null)) {
            throw new InvalidAlertException(pf + (user ? "password" : "username"), "username and password go together");
        }
        if (!address(string(p, "from", null, pf))) {
            throw new InvalidAlertException(pf + "from", "expected an e-mail address, got " + p.get("from"));
        }
        Object to = p.get("to");
        List<String> list = new ArrayList<>();
        if (to instanceof String s) {
            list.add(s);
        } else if (to instanceof List<?> l) {
            l.forEach(x -> list.add(String.valueOf(x)));
        }
        if (list.isEmpty() || !list.stream().allMatch(ChannelParams::address)) {
            throw new InvalidAlertException(pf + "to", "expected an e-mail address or a non-empty list of them, got " + to);
        }
        p.put("to", list);
        for (String b : List.of("starttls", "ssl")) {
            Object v = p.getOrDefault(b, b.equals("starttls"));
            if (!(v instanceof Boolean)) {
                throw new InvalidAlertException(pf + b, "expected true or false, got " + v);
            }
            p.put(b, v);
        }
        string(p, "ssl_trust", null, pf);
        string(p, "subject", null, pf);
    }

    private static boolean address(String s) {
        return s != null && s.matches("[^@\\s]+@[^@\\s]+");
    }

    private static void url(Map<String, Object> p, String key, String pf) {
        String u = string(p, key, null, pf);
        if (u == null) {
            throw new InvalidAlertException(pf + key, "required (an http or https URL)");
        }
        try {
            URI uri = URI.create(u);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidAlertException(pf + key, "expected an http or https URL");
        }
    }

    private static Map<String, String> headers(Object h, String f) {
        Map<String, String> out = new LinkedHashMap<>();
        if (h == null) {
            return out;
        }
        if (!(h instanceof Map<?, ?> m)) {
            throw new InvalidAlertException(f, "expected an object {name: value}");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String v) || !String.valueOf(e.getKey()).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new InvalidAlertException(f + "." + e.getKey(), "expected a header name with a string value");
            }
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
                throw new InvalidAlertException(f + "." + e.getKey(), "a header value must not contain CR, LF or NUL");
            }
            out.put(String.valueOf(e.getKey()), v);
        }
        return out;
    }

    private static String string(Map<String, Object> p, String key, String dflt, String pf) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw new InvalidAlertException(pf + key, "expected a string, got " + v);
        }
        return s;
    }

    /** A copy of the params with every secret masked: URLs keep scheme and host, the rest reads {@value #MASK}. */
    public static Map<String, Object> mask(String kind, Map<String, Object> params) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        switch (kind) {
            case "webhook" -> {
                p.computeIfPresent("url", (k, v) -> maskUrl((String) v));
                if (p.get("headers") instanceof Map<?, ?> h) {
                    Map<String, Object> masked = new LinkedHashMap<>();
                    h.forEach((k, v) -> masked.put(String.valueOf(k), MASK));
                    p.put("headers", masked);
                }
            }
            case "slack" -> p.computeIfPresent("webhook", (k, v) -> maskUrl((String) v));
            case "email" -> p.computeIfPresent("password", (k, v) -> MASK);
            default -> { }
        }
        return p;
    }

    /**
     * The new params with every secret that reads exactly as the old one's mask replaced by the old secret, so a
     * config read with GET (masked) and PUT back keeps its secrets. A stored secret only ever goes to the destination
     * it was entered for: when the destination (webhook {@code url}, Slack {@code webhook}, SMTP {@code host})
     * changed, a secret still reading as the mask is refused ({@code f} names the notification).
     */
    public static Map<String, Object> unmask(String kind, Map<String, Object> fresh, Map<String, Object> old,
                                             String f) {
        Map<String, Object> masked = mask(kind, old);
        Map<String, Object> p = new LinkedHashMap<>(fresh);
        String dest = destination(kind);
        boolean moved = dest != null && !Objects.equals(unmasked(dest, p, masked, old), old.get(dest));
        for (String key : List.of("url", "webhook", "password")) {
            Object value = unmasked(key, p, masked, old);
            if (moved && key.equals("password") && value != p.get(key)) {
                throw reenter(f + ".params.password");
            }
            if (value != null) {
                p.put(key, value);
            }
        }
        if (p.get("headers") instanceof Map<?, ?> h && old.get("headers") instanceof Map<?, ?> oh) {
            p.put("headers", mergeHeaders(h, oh, moved, f));
        }
        return p;
    }

    private static Map<String, Object> mergeHeaders(Map<?, ?> fresh, Map<?, ?> old, boolean moved, String f) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : fresh.entrySet()) {
            boolean keep = MASK.equals(e.getValue()) && old.containsKey(e.getKey());
            if (keep && moved) {
                throw reenter(f + ".params.headers." + e.getKey());
            }
            merged.put(String.valueOf(e.getKey()), keep ? old.get(e.getKey()) : e.getValue());
        }
        return merged;
    }

    private static Object unmasked(String key, Map<String, Object> fresh, Map<String, Object> masked,
                                   Map<String, Object> old) {
        Object v = fresh.get(key);
        return v != null && Objects.equals(v, masked.get(key)) && old.get(key) != null ? old.get(key) : v;
    }

    private static String destination(String kind) {
        return switch (kind) {
            case "webhook" -> "url";
            case "slack" -> "webhook";
            case "email" -> "host";
            default -> null;
        };
    }

    private static InvalidAlertException reenter(String field) {
        return new InvalidAlertException(field, "re-enter the secret for the new destination (a stored secret is"
                + " only sent where it was entered for)");
    }

    static String maskUrl(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + "/" + MASK;
        } catch (IllegalArgumentException e) {
            return MASK;
        }
    }
}
