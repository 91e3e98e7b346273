package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.alerts.AlertStores;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.Authenticator;
import io.driftwatch.server.auth.SecuritySettings;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.metrics.ServerMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pts 1–3: access keys per project and role, checked on every route (the ingest fast path too). */
class AccessKeysTest {
    static final String ADMIN_KEY = "test-admin-key-0123456789";
    @TempDir
    Path dir;
    private Backend backend;
    private ApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    @BeforeEach
    void start() throws IOException {
        EndpointStore endpoints = MemoryStores.endpointStore();
        TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
        Backends parts = new Backends(new InMemoryEventStream(),
                new EndpointStores(MemoryStores.projectStore(), endpoints, AlertStores.inMemory()),
                new TimeSeriesStores(timeSeries, MemoryStores.processorSink(endpoints, timeSeries)),
                MemoryStores.sampleStore(), ArtifactStores.inMemory(), () -> { });
        backend = Pipeline.over(Clock.systemUTC(), parts).grace(Duration.ofSeconds(60)).wire();
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN_KEY + "\n");
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir).withSecurity(
                SecuritySettings.defaults().withAuth(AuthMode.REQUIRED)
                        .withAdminKeyFile(keyFile));
        server = ApiServer.start(backend, config, ServerMetrics.create(), List.of(),
                MemoryStores.accessKeyStore());
        assertThat(call("POST", "/projects", "{\"name\":\"a\"}", ADMIN_KEY).status()).isEqualTo(201);
        assertThat(call("POST", "/projects", "{\"name\":\"b\"}", ADMIN_KEY).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
        backend.controller().close();
    }

    Answer call(String method, String path, String body, String key) {
        return call(method, path, body, "Authorization", key == null ? null : "Bearer " + key);
    }

    Answer call(String method, String path, String body, String header, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1"
                + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (value != null) {
            b.header(header, value);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String key(String project, String role) throws IOException {
        Answer a = call("POST", "/projects/" + project + "/access-keys", "{\"role\":\"" + role + "\"}", ADMIN_KEY);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode j = a.json();
        assertThat(j.path("role").asText()).isEqualTo(role);
        assertThat(j.path("key").asText()).startsWith(j.path("prefix").asText() + "_");
        assertThat(j.path("id").asText()).isNotBlank();
        assertThat(j.path("created").asText()).isNotBlank();
        return j.path("key").asText();
    }

    @Test
    void withoutAKeyOnlyTheOpenRoutesAnswer() {
        Answer none = call("GET", "/projects/a/model-endpoints", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).contains("Authorization: Bearer");
        assertThat(call("GET", "/projects/a/model-endpoints", null, "not-a-key-at-all").status()).isEqualTo(401);
        assertThat(call("GET", "/projects/a/model-endpoints", null, "dw_0123456789ab_x").status()).isEqualTo(401);
        assertThat(call("GET", "/healthz", null, null).status()).isEqualTo(200);
        assertThat(call("POST", "/projects", "{\"name\":\"c\"}", null).status()).isEqualTo(401);
    }

    @Test
    void aViewerReadsItsProjectOnly() throws IOException {
        String viewer = key("a", "viewer");
        assertThat(call("GET", "/projects/a/model-endpoints", null, viewer).status()).isEqualTo(200);
        assertThat(call("GET", "/projects/a/model-endpoints", null, Authenticator.SESSION_KEY_HEADER, viewer).status())
                .as("MLRun's header").isEqualTo(200);
        assertThat(call("GET", "/projects/b/model-endpoints", null, viewer).status()).isEqualTo(403);
        assertThat(call("PUT", "/projects/a/alerts/x", "{}", viewer).status()).isEqualTo(403);
        assertThat(call("POST", "/projects/a/model-monitoring/stream", "{}", viewer).status())
                .as("a viewer cannot ingest (fast path)").isEqualTo(403);
        assertThat(call("GET", "/projects/a/model-monitoring/settings", null, viewer).status())
                .as("credentials are for admins").isEqualTo(403);
        assertThat(call("POST", "/projects", "{\"name\":\"c\"}", viewer).status()).isEqualTo(403);
        Answer list = call("GET", "/projects", null, viewer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).containsExactly("a");
    }

    @Test
    void anIngestKeySendsEventsButCannotReadThemBack() throws IOException {
        String ingest = key("a", "ingest");
        String event = "{\"endpoint_id\":\"e1\",\"model\":\"m\",\"request\":{\"inputs\":[[1.0]]},"
                + "\"resp\":{\"outputs\":[1]},\"when\":\"2026-01-01T00:00:00Z\",\"microsec\":1}";
        Answer sent = call("POST", "/projects/a/model-monitoring/stream", event, ingest);
        assertThat(sent.status()).as(sent.body()).isIn(202, 400);
        assertThat(call("POST", "/projects/b/model-monitoring/stream", event, ingest).status()).isEqualTo(403);
        assertThat(call("GET", "/projects/a/model-endpoints", null, ingest).status()).isEqualTo(403);
        assertThat(call("GET", "/projects/a/models", null, ingest).status()).isEqualTo(403);
    }

    @Test
    void editorsWriteAdminsDeleteAndManageKeys() throws IOException {
        String editor = key("a", "editor");
        String admin = key("a", "admin");
        String alert = "{\"summary\":\"s\",\"severity\":\"low\",\"trigger\":{\"events\":[\"data-drift-detected\"]},"
                + "\"entities\":{\"kind\":\"model-endpoint-result\",\"project\":\"a\",\"ids\":[\"*\"]}}";
        assertThat(call("PUT", "/projects/a/alerts/x", alert, editor).status()).isNotIn(401, 403);
        assertThat(call("DELETE", "/projects/a/alerts/x", null, editor).status()).isEqualTo(403);
        assertThat(call("POST", "/projects/a/access-keys", "{\"role\":\"viewer\"}", editor).status()).isEqualTo(403);
        assertThat(call("DELETE", "/projects/a/alerts/x", null, admin).status()).isNotIn(401, 403);
        assertThat(call("POST", "/projects/b/access-keys", "{\"role\":\"viewer\"}", admin).status()).isEqualTo(403);
        assertThat(call("POST", "/projects/a/access-keys", "{\"role\":\"owner\"}", admin).status()).isEqualTo(400);
    }

    @Test
    void keysAreListedByPrefixAndRevokedAtOnce() throws IOException {
        String viewer = key("a", "viewer");
        Answer list = call("GET", "/projects/a/access-keys", null, ADMIN_KEY);
        assertThat(list.status()).isEqualTo(200);
        JsonNode k = list.json().path("access_keys").get(0);
        assertThat(viewer).startsWith(k.path("prefix").asText());
        assertThat(list.body()).doesNotContain(viewer).doesNotContain(viewer.substring(16)).doesNotContain("pbkdf2");
        assertThat(call("GET", "/projects/a/models", null, viewer).status()).isEqualTo(200);
        assertThat(call("DELETE", "/projects/b/access-keys/" + k.path("id").asText(), null, ADMIN_KEY).status())
                .isEqualTo(404);
        assertThat(call("DELETE", "/projects/a/access-keys/" + k.path("id").asText(), null, ADMIN_KEY).status())
                .isEqualTo(204);
        assertThat(call("GET", "/projects/a/models", null, viewer).status()).isEqualTo(401);
        assertThat(call("GET", "/projects/a/access-keys", null, ADMIN_KEY).json().path("access_keys")).isEmpty();
    }

    /** Issue 18 pt 4: a project key may scrape /metrics (its series only: ProjectSeriesTest, RouteWalkIT); /health/live. */
    @Test
    void aProjectKeyScrapesOnlyItsProjectsSeries() throws Exception {
        String viewer = key("a", "viewer");
        HttpResponse<String> all = raw("GET", "/../metrics", null, "Authorization", "Bearer " + ADMIN_KEY);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("driftwatch_auth_failures_total");
        HttpResponse<String> mine = raw("GET", "/../metrics", null, "Authorization", "Bearer " + viewer);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).as("server-wide series are not a project's").doesNotContain("driftwatch_auth_");
        assertThat(raw("GET", "/../metrics", null, "Authorization", "Bearer " + key("a", "ingest")).statusCode())
                .as("an ingest key reads nothing").isEqualTo(403);
        assertThat(raw("GET", "/../metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<String> live = raw("GET", "/../health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"live\"");
        assertThat(raw("GET", "/health/live", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> raw(String method, String path, String body, String... headers) throws Exception {
        String full = path.startsWith("/../") ? path.substring(3) : "/api/v1" + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + full))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The web UI's login: an HttpOnly SameSite=Strict cookie; cookie-authenticated changes need the CSRF header. */
    @Test
    void theUiLogsInWithAKeyIntoAStrictHttpOnlyCookie() throws Exception {
        String editor = key("a", "editor");
        assertThat(raw("POST", "/session", "{\"key\":\"dw_0123456789ab_nope\"}", "Content-Type",
                "application/json").statusCode()).isEqualTo(401);
        HttpResponse<String> login = raw("POST", "/session", "{\"key\":\"" + editor + "\"}", "Content-Type",
                "application/json");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"role\":\"editor\"").doesNotContain(editor);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String cookie = setCookie.split(";", 2)[0];
        assertThat(raw("GET", "/projects/a/models", null, "Cookie", cookie).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/projects/b/models", null, "Cookie", cookie).statusCode()).isEqualTo(403);
        String alert = "{\"summary\":\"s\",\"severity\":\"low\",\"trigger\":{\"events\":[\"data-drift-detected\"]},"
                + "\"entities\":{\"kind\":\"model-endpoint-result\",\"project\":\"a\",\"ids\":[\"*\"]}}";
        HttpResponse<String> forged = raw("PUT", "/projects/a/alerts/x", alert, "Cookie", cookie, "Content-Type",
                "application/json");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("X-Driftwatch-Csrf");
        assertThat(raw("PUT", "/projects/a/alerts/x", alert, "Cookie", cookie, "Content-Type", "application/json",
                "X-Driftwatch-Csrf", Json.MAPPER.readTree(login.body()).path("csrf").asText()).statusCode())
                .isNotIn(401, 403);
        assertThat(raw("DELETE", "/session", null).headers().firstValue("Set-Cookie").orElseThrow())
                .contains("Max-Age=0");
    }
}
