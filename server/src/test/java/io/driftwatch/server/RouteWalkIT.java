package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.server.auth.Access;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.RoutePolicy;
import io.driftwatch.server.auth.SecretSettings;
import io.driftwatch.server.auth.SecuritySettings;
import io.driftwatch.server.ingest.IngestHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 4: walks EVERY route of a real server (listed from the router, plus the ingest fast path) with no key,
 * with the admin key of ANOTHER project and with that key's UI session (cookie + CSRF token), each read also as a
 * Parquet, CSV, JSON and HTML download, and expects 401/403/404 everywhere (or, on routes that belong to no project —
 * the UI's pages, Grafana's search and query, {@code /metrics} — an answer without the other project's data) and no
 * data of the other project in any body; the other project's Prometheus series are not in the intruder's scrape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteWalkIT {
    private static final String ADMIN = "route-walk-admin-key-0123456789";
    private static final String VICTIM = "victim";
    private static final String UID = "victimuid01";
    /** Strings only the victim's data holds (never part of a walked URL). */
    private static final List<String> SECRETS = List.of("victim-model-q7", "SECRETq7", "victim-summary-q7");
    private static final Set<Integer> REFUSED = Set.of(401, 403, 404);
    private static final Map<String, String> BODIES = Map.of(
            "/search", "{\"target\":\"target_endpoint=list_projects\"}",
            "/query", "{\"targets\":[{\"target\":\"target_endpoint=list_endpoints;project=victim\"}]}");

    @TempDir
    static Path dir;
    private Server server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String intruderKey;
    /** The intruder admin's UI session: the cookie and its CSRF token. */
    private String intruderCookie;
    private String intruderCsrf;

    @BeforeAll
    void start() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN);
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data")).withSecurity(
                SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile))
                .withSecrets(new SecretSettings(List.of("127.0.0.1/32"), null)));
        for (String p : List.of(VICTIM, "intruder")) {
            assertThat(send("POST", "/api/v1/projects", "{\"name\":\"" + p + "\"}", ADMIN).status()).isEqualTo(201);
        }
        fillVictim();
        Reply key = send("POST", "/api/v1/projects/intruder/access-keys", "{\"role\":\"admin\"}", ADMIN);
        assertThat(key.status()).isEqualTo(201);
        intruderKey = key.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + intruderKey + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        intruderCookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        intruderCsrf = login.body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
    }

    private void fillVictim() {
        String base = "/api/v1/projects/" + VICTIM;
        Reply ep = send("POST", base + "/model-endpoints", "{\"metadata\":{\"uid\":\"" + UID + "\"},\"spec\":"
                + "{\"model\":\"victim-model-q7\",\"function_uri\":\"victim/serving\"}}", ADMIN);
        assertThat(ep.status()).as(ep.body()).isEqualTo(201);
        // no project credentials here: since per-project credentials take effect (issue 16), a tsdb naming a
        // database that cannot be opened would route the victim's reads to it; the credential secret's masking is
        // checked by MonitoringApiTest and SecretsAtRestIT
        Reply alert = send("PUT", base + "/alerts/victim-alert-q7", "{\"summary\":\"victim-summary-q7\",\"severity\":"
                + "\"low\",\"trigger\":{\"events\":[\"data-drift-detected\"]},\"entities\":{\"kind\":"
                + "\"model-endpoint-result\",\"project\":\"victim\",\"ids\":[\"*\"]},\"notifications\":[{\"kind\":"
                + "\"webhook\",\"params\":{\"url\":\"http://127.0.0.1:9/SECRETq7\"}}]}", ADMIN);
        assertThat(alert.status()).as(alert.body()).isLessThan(300);
        assertThat(send("GET", base + "/model-endpoints/" + UID, null, ADMIN).body()).contains("victim-model-q7");
        Reply event = send("POST", base + "/model-monitoring/stream", "{\"endpoint_id\":\"" + UID
                + "\",\"function_uri\":\"victim/serving\",\"model\":\"victim-model-q7\","
                + "\"request\":{\"inputs\":[[1.5,2.5]]},\"resp\":{\"outputs\":[1]},"
                + "\"when\":\"2026-01-01T00:00:00Z\",\"microsec\":1000}", ADMIN);
        assertThat(event.status()).as(event.body()).isEqualTo(202);
        await("the victim's series in /metrics").atMost(Duration.ofSeconds(60)).until(() ->
                send("GET", "/metrics", null, ADMIN).body().contains("project=\"victim\""));
        assertThat(send("GET", base + "/alerts/victim-alert-q7", null, ADMIN).body()).contains("victim-summary-q7");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    record Reply(int status, String body) {
    }

    private Reply send(String method, String path, String body, String key) {
        return send(method, path, body, key, null, null);
    }

    private Reply send(String method, String path, String body, String key, String cookie, String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (cookie != null) {
            b.header("Cookie", cookie).header("X-Driftwatch-Csrf", csrf);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** Every route: the router's, plus the ingest fast path (Jetty, in front of the router). */
    private List<String> routes() {
        Set<String> all = new LinkedHashSet<>(server.routes());
        all.add("POST " + IngestHandler.PATTERN);
        return new ArrayList<>(all);
    }

    private static String concrete(String pattern) {
        return pattern.replace("{p}", VICTIM).replace("{project}", VICTIM).replace("{uid}", UID)
                .replace("{name}", "victim-alert-q7").replace("<path>", "index.html").replaceAll("\\{[^}]+}", "x");
    }

    private static String body(String method, String pattern) {
        if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
            return null;
        }
        return BODIES.entrySet().stream().filter(e -> pattern.endsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("{}");
    }

    @Test
    void theRouterListsEveryKindOfRoute() {
        List<String> routes = routes();
        assertThat(routes.size()).isGreaterThan(60);
        assertThat(routes).contains("POST /api/v1/projects/{p}/model-monitoring/stream",
                "GET /api/v1/projects/{p}/model-monitoring/settings", "POST /api/v1/projects/{p}/access-keys",
                "POST /serving/{project}/{function}/v2/models/{model}/infer", "GET /metrics",
                "POST /api/v1/grafana-proxy/model-endpoints/query",
                "GET /api/v1/projects/{p}/model-endpoints/{uid}/drift",
                "GET /api/v1/projects/{p}/model-endpoints/{uid}/drift/series");
    }

    @Test
    void noRouteAnswersWithoutAKey() {
        RoutePolicy policy = new RoutePolicy(false);
        List<String> failures = new ArrayList<>();
        for (String route : routes()) {
            String[] mp = route.split(" ", 2);
            String path = concrete(mp[1]);
            Reply r = send(mp[0], path, body(mp[0], mp[1]), null);
            boolean open = policy.access(mp[0], mp[1]) == Access.OPEN;
            if (!open && r.status() != 401) {
                failures.add(route + " -> " + r.status() + " " + r.body());
            }
            leaks(route, r, failures, true);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void noRouteAnswersTheVictimsDataToAnotherProjectsAdmin() {
        List<String> failures = new ArrayList<>();
        for (String route : routes()) {
            String[] mp = route.split(" ", 2);
            String path = concrete(mp[1]);
            for (String p : variants(mp[0], path)) {
                Reply r = send(mp[0], p, body(mp[0], mp[1]), intruderKey);
                boolean projectRoute = RoutePolicy.project(mp[1], path) != null;
                if (projectRoute && !REFUSED.contains(r.status())) {
                    failures.add(route + " (" + p + ") -> " + r.status() + " " + r.body());
                }
                leaks(route, r, failures, !projectRoute);
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The path as is, through the router (a query string), and for reads the download formats (Parquet, CSV, JSON,
     * HTML reports) — a route must refuse the other project in every form it answers.
     */
    private static List<String> variants(String method, String path) {
        List<String> out = new ArrayList<>(List.of(path, path + "?via=router"));
        if ("GET".equals(method)) {
            for (String f : List.of("parquet", "csv", "json", "html")) {
                out.add(path + "?format=" + f);
            }
        }
        return out;
    }

    /** The same walk with the intruder admin's UI session (cookie and CSRF token) instead of a key by header. */
    @Test
    void noRouteAnswersTheVictimsDataToAnotherProjectsSession() {
        List<String> failures = new ArrayList<>();
        for (String route : routes()) {
            if (route.equals("DELETE /api/v1/session")) {
                continue; // the logout would end the session the walk goes on with
            }
            String[] mp = route.split(" ", 2);
            String path = concrete(mp[1]);
            for (String p : variants(mp[0], path)) {
                Reply r = send(mp[0], p, body(mp[0], mp[1]), null, intruderCookie, intruderCsrf);
                boolean projectRoute = RoutePolicy.project(mp[1], path) != null;
                if (projectRoute && !REFUSED.contains(r.status())) {
                    failures.add(route + " (" + p + ") -> " + r.status() + " " + r.body());
                }
                leaks(route, r, failures, !projectRoute);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Prometheus: the server admin sees the victim's series; the intruder's key and session see none of them. */
    @Test
    void theIntrudersScrapeHoldsNoSeriesOfTheVictim() {
        assertThat(send("GET", "/metrics", null, ADMIN).body()).contains("project=\"victim\"");
        for (Reply r : List.of(send("GET", "/metrics", null, intruderKey),
                send("GET", "/metrics", null, null, intruderCookie, intruderCsrf))) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("project=\"victim\"").doesNotContain("victim-model-q7")
                    .doesNotContain(UID);
        }
    }

    private static void leaks(String route, Reply r, List<String> failures, boolean projectNameToo) {
        for (String secret : SECRETS) {
            if (r.body().contains(secret)) {
                failures.add(route + " leaks '" + secret + "': " + r.body());
            }
        }
        if (projectNameToo && r.body().contains("\"" + VICTIM + "\"")) {
            failures.add(route + " names the victim project: " + r.body());
        }
    }
}
