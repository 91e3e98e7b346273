package io.driftwatch.server.auth;

import static java.util.Map.entry;

import io.driftwatch.server.ApiServer;
import io.driftwatch.server.http.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * THE one place that says what every route needs (issue 18): the {@link Access} by method + route pattern, and the
 * Content-Types a state-changing route accepts. Routes not named in the tables follow the rules: under
 * {@code /projects/{p}} a GET/HEAD reads ({@link Access#VIEWER}), a DELETE is {@link Access#ADMIN}, any other
 * method {@link Access#EDITOR}; a route outside any project that is not named needs the server admin key (so a new
 * route is closed until it is named here). The route-walk test lists every route from the router and checks each.
 */
public final class RoutePolicy {
    private static final String P = ApiServer.PREFIX;
    private static final String PROJECT = P + "/projects/{p}";
    /** JSON, the default body of every state-changing route. */
    public static final List<String> JSON = List.of("application/json", "text/json");
    private static final List<String> NDJSON = List.of("application/json", "text/json", "application/x-ndjson",
            "application/ndjson", "application/jsonl", "application/x-jsonlines");
    private static final List<String> MULTIPART = List.of("multipart/form-data");
    private static final List<String> CLOUDEVENTS = List.of("application/json", "text/json",
            "application/cloudevents+json");

    private static final Map<String, Access> ACCESS = Map.ofEntries(
            entry("GET /", Access.OPEN),
            entry("GET /ui/<path>", Access.OPEN),
            entry("POST " + P + "/session", Access.OPEN),
            entry("GET " + P + "/session", Access.OPEN),
            entry("DELETE " + P + "/session", Access.OPEN),
            entry("POST " + P + "/projects", Access.SERVER_ADMIN),
            entry("GET " + P + "/projects", Access.ANY_KEY),
            entry("GET " + P + "/alert-templates", Access.ANY_KEY),
            entry("GET " + P + "/alert-templates/{name}", Access.ANY_KEY),
            entry("GET " + P + "/serving/tracker", Access.SERVER_ADMIN),
            entry("GET " + P + "/grafana-proxy/model-endpoints", Access.VIEWER),
            entry("POST " + P + "/grafana-proxy/model-endpoints/search", Access.VIEWER),
            entry("POST " + P + "/grafana-proxy/model-endpoints/query", Access.VIEWER),
            entry("POST " + P + "/grafana-proxy/model-endpoints/annotations", Access.VIEWER),
            entry("POST " + PROJECT + "/model-monitoring/stream", Access.INGEST),
            entry("POST " + PROJECT + "/model-monitoring/cloudevents", Access.INGEST),
            entry("POST " + PROJECT + "/model-monitoring/batch", Access.INGEST),
            entry("POST " + PROJECT + "/model-endpoints/{uid}/batch", Access.INGEST),
            entry("POST " + PROJECT + "/model-endpoints/{uid}/labels", Access.INGEST),
            entry("GET " + PROJECT + "/model-monitoring/settings", Access.ADMIN),
            entry("POST " + PROJECT + "/model-monitoring/set-model-monitoring-credentials", Access.ADMIN),
            entry("GET " + PROJECT + "/access-keys", Access.ADMIN),
            entry("POST " + PROJECT + "/access-keys", Access.ADMIN),
            entry("POST " + PROJECT + "/access-keys/{id}/rotate", Access.ADMIN),
            entry("POST " + P + "/admin-key/rotate", Access.SERVER_ADMIN),
            entry("GET " + PROJECT + "/audit", Access.ADMIN),
            entry("GET " + P + "/audit", Access.SERVER_ADMIN));

    private static final Map<String, List<String>> BODIES = Map.ofEntries(
            entry("POST " + PROJECT + "/model-monitoring/stream", NDJSON),
            entry("POST " + PROJECT + "/model-monitoring/cloudevents", CLOUDEVENTS),
            entry("POST " + PROJECT + "/model-monitoring/batch", MULTIPART),
            entry("POST " + PROJECT + "/model-endpoints/{uid}/batch", MULTIPART),
            entry("POST " + PROJECT + "/model-endpoints/{uid}/labels", NDJSON),
            entry("POST " + PROJECT + "/models", MULTIPART));

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** The health routes: open unless closed by configuration ({@code --closed-health}), then any valid key. */
    private static final Set<String> HEALTH = Set.of("GET " + P + "/healthz", "GET " + P + "/health/ready",
            "GET /health/ready", "GET " + P + "/health/live", "GET /health/live");
    private final boolean openMetrics;
    private final boolean closedHealth;

    /** The policy with open health routes; {@code openMetrics}: {@code /metrics} needs no key. */
    public RoutePolicy(boolean openMetrics) {
        this(openMetrics, false);
    }

    /**
     * The policy. {@code openMetrics}: {@code /metrics} needs no key (else a viewer key, which sees its project's
     * series only, or the server admin key); {@code closedHealth}: the health routes need a key.
     */
    public RoutePolicy(boolean openMetrics, boolean closedHealth) {
        this.openMetrics = openMetrics;
        this.closedHealth = closedHealth;
    }

    /** What {@code method} on the route {@code pattern} (as registered) needs. */
    public Access access(String method, String pattern) {
        String m = method.toUpperCase(Locale.ROOT);
        Access named = ACCESS.get(m + " " + pattern);
        if (named != null) {
            return named;
        }
        if (HEALTH.contains(m + " " + pattern)) {
            return closedHealth ? Access.ANY_KEY : Access.OPEN;
        }
        if ("/metrics".equals(pattern)) {
            return openMetrics ? Access.OPEN : Access.VIEWER;
        }
        if (pattern.startsWith("/serving/{project}/")) {
            return Access.INGEST;
        }
        if (projectSegment(pattern) < 0) {
            return Access.SERVER_ADMIN;
        }
        return switch (m) {
            case "GET", "HEAD" -> Access.VIEWER;
            case "DELETE" -> Access.ADMIN;
            default -> Access.EDITOR;
        };
    }

    /** The media types (lower case, no parameters) a request body of this route may have. */
    public List<String> bodyTypes(String method, String pattern) {
        return BODIES.getOrDefault(method.toUpperCase(Locale.ROOT) + " " + pattern, JSON);
    }

    /** 415 unless {@code contentType} (null: none declared) is one that {@code method pattern} accepts. */
    public void requireBodyType(String method, String pattern, String contentType) {
        if (!WITH_BODY.contains(method.toUpperCase(Locale.ROOT)) || contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        List<String> accepted = bodyTypes(method, pattern);
        if (!accepted.contains(type)) {
            throw ApiException.unsupportedMediaType("Content-Type '" + type + "' is not accepted by " + method + " "
                    + pattern + ": send " + String.join(" or ", accepted));
        }
    }

    /** The project named by {@code path} for the route {@code pattern}, or null when the route has none. */
    public static String project(String pattern, String path) {
        int seg = projectSegment(pattern);
        if (seg < 0) {
            return null;
        }
        String[] parts = path.split("/");
        return seg < parts.length ? URLDecoder.decode(parts[seg], StandardCharsets.UTF_8) : null;
    }

    private static int projectSegment(String pattern) {
        String[] parts = pattern.split("/");
        for (int i = 0; i < parts.length; i++) {
            if ("{p}".equals(parts[i]) || "{project}".equals(parts[i])) {
                return i;
            }
        }
        return -1;
    }
}
