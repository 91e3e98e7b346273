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
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.server.api.ProjectDeletion;
import io.driftwatch.server.auth.AuthMode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pt 9: state-changing calls are recorded (who, what, when, from where) and readable by admins only. */
class AuditLogTest {
    private static final String ADMIN_KEY = "test-admin-key-0123456789";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private final HttpClient client = HttpClient.newHttpClient();
    private Backend backend;
    private ApiServer server;

    private record Answer(int status, JsonNode json) {
    }

    private void start(AuthMode auth) throws IOException {
        EndpointStore endpoints = MemoryStores.endpointStore();
        TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
        Backends parts = new Backends(new InMemoryEventStream(),
                new EndpointStores(MemoryStores.projectStore(), endpoints, AlertStores.inMemory()),
                new TimeSeriesStores(timeSeries, MemoryStores.processorSink(endpoints, timeSeries)),
                MemoryStores.sampleStore(), ArtifactStores.inMemory(), () -> { });
        backend = Pipeline.over(clock, parts).grace(Duration.ofSeconds(60)).wire();
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN_KEY + "\n");
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir).withSecurity(
                SecuritySettings.defaults().withAuth(auth).withAdminKeyFile(keyFile));
        AuditLog audit = MemoryStores.auditLog();
        server = ApiServer.start(backend, config, ServerMetrics.create(), List.of(),
                ProjectDeletion.Drain.polling(backend.stream()), ProjectDeletion.Sources.NONE,
                MemoryStores.accessKeyStore(), audit);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            backend.controller().close();
        }
    }

    private Answer call(String method, String path, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1"
                + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String key(String project, String role) {
        Answer a = call("POST", "/projects/" + project + "/access-keys", "{\"role\":\"" + role + "\"}", ADMIN_KEY);
        assertThat(a.status()).isEqualTo(201);
        return a.json().get("key").asText();
    }

    private String template() {
        Answer t = call("GET", "/alert-templates/data-drift-detected", null, ADMIN_KEY);
        assertThat(t.status()).isEqualTo(200);
        return t.json().toString();
    }

    @Test
    void creationAlertPutAndDeleteAreRecordedWithWhoWhatWhenAndWhere() throws IOException {
        start(AuthMode.REQUIRED);
        assertThat(call("POST", "/projects", "{\"name\":\"a\"}", ADMIN_KEY).status()).isEqualTo(201);
        String editor = key("a", "editor");
        String admin = key("a", "admin");
        clock.advance(Duration.ofMinutes(5));
        assertThat(call("PUT", "/projects/a/alerts/drift", template(), editor).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(5));
        assertThat(call("DELETE", "/projects/a/alerts/drift", null, admin).status()).isIn(200, 204);
        assertThat(call("DELETE", "/projects/a/alerts/drift", null, null).status()).isEqualTo(401);

        JsonNode entries = call("GET", "/projects/a/audit", null, admin).json().get("entries");
        assertThat(entries).hasSize(6);
        JsonNode unauthenticated = entries.get(0);
        assertThat(unauthenticated.get("actor").asText()).isEqualTo("unauthenticated");
        assertThat(unauthenticated.get("status").asInt()).isEqualTo(401);
        JsonNode delete = entries.get(1);
        assertThat(delete.get("actor").asText()).isEqualTo("dw_" + admin.split("_")[1]);
        assertThat(delete.get("role").asText()).isEqualTo("admin");
        assertThat(delete.get("method").asText()).isEqualTo("DELETE");
        assertThat(delete.get("route").asText()).isEqualTo("/api/v1/projects/{p}/alerts/{name}");
        assertThat(delete.get("time").asText()).isEqualTo(Json.time(NOW.plus(Duration.ofMinutes(10))));
        assertThat(delete.get("remote").asText()).isEqualTo("127.0.0.1");
        JsonNode put = entries.get(2);
        assertThat(put.get("actor").asText()).isEqualTo("dw_" + editor.split("_")[1]);
        assertThat(put.get("role").asText()).isEqualTo("editor");
        assertThat(put.get("method").asText()).isEqualTo("PUT");
        assertThat(put.get("status").asInt()).isEqualTo(201);
        assertThat(put.get("project").asText()).isEqualTo("a");
        assertThat(put.get("time").asText()).isEqualTo(Json.time(NOW.plus(Duration.ofMinutes(5))));
        JsonNode creation = entries.get(5);
        assertThat(creation.get("actor").asText()).isEqualTo("admin");
        assertThat(creation.get("role").asText()).isEqualTo("server-admin");
        assertThat(creation.get("route").asText()).isEqualTo("/api/v1/projects");
        assertThat(creation.get("project").asText()).isEqualTo("a");
        assertThat(creation.get("time").asText()).isEqualTo(Json.time(NOW));
        // reads are not recorded; since and limit filter
        assertThat(call("GET", "/projects/a/audit?since=" + Json.time(NOW.plus(Duration.ofMinutes(5))), null,
                admin).json().get("entries")).hasSize(3);
        assertThat(call("GET", "/projects/a/audit?limit=1", null, admin).json().get("entries")).hasSize(1);
        assertThat(call("GET", "/projects/a/audit?limit=0", null, admin).status()).isEqualTo(400);
        assertThat(call("GET", "/audit", null, ADMIN_KEY).json().get("entries")).hasSize(6);
    }

    @Test
    void theServerKeepsTheLogInItsDatabaseAcrossRestarts() throws IOException {
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"));
        try (Server s = Server.start(config)) {
            server = null;
            Http http = new Http(s.port());
            assertThat(http.post("/projects", "{\"name\":\"a\"}").status()).isEqualTo(201);
            assertThat(http.delete("/projects/a?confirm=a").status()).isIn(200, 202, 204);
        }
        try (Server s = Server.start(config)) {
            JsonNode entries = new Http(s.port()).get("/audit").json().get("entries");
            assertThat(entries).extracting(e -> e.get("method").asText()).containsExactly("DELETE", "POST");
            assertThat(entries).extracting(e -> e.get("project").asText()).containsExactly("a", "a");
        }
    }

    @Test
    void onlyAdminsReadTheAuditLog() throws IOException {
        start(AuthMode.REQUIRED);
        assertThat(call("POST", "/projects", "{\"name\":\"a\"}", ADMIN_KEY).status()).isEqualTo(201);
        assertThat(call("POST", "/projects", "{\"name\":\"b\"}", ADMIN_KEY).status()).isEqualTo(201);
        String viewer = key("a", "viewer");
        String editor = key("a", "editor");
        String adminOfB = key("b", "admin");
        assertThat(call("GET", "/projects/a/audit", null, viewer).status()).isEqualTo(403);
        assertThat(call("GET", "/projects/a/audit", null, editor).status()).isEqualTo(403);
        assertThat(call("GET", "/projects/a/audit", null, adminOfB).status()).isEqualTo(403);
        assertThat(call("GET", "/projects/a/audit", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/audit", null, key("a", "admin")).status()).isEqualTo(403);
        assertThat(call("GET", "/audit", null, ADMIN_KEY).status()).isEqualTo(200);
    }

    @Test
    void withAuthOffTheCallerIsAnonymousAndIngestIsRecordedOnlyWhenRejected() throws IOException {
        start(AuthMode.OFF);
        assertThat(call("POST", "/projects", "{\"name\":\"a\"}", null).status()).isEqualTo(201);
        String event = "{\"model\":\"m\",\"function_uri\":\"a/fn\",\"when\":\"2026-01-01T00:00:00Z\","
                + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
        assertThat(call("POST", "/projects/a/model-monitoring/stream", event, null).status()).isEqualTo(202);
        // rejected: once on the Javalin route (a query string), once on the fast path
        assertThat(call("POST", "/projects/nope/model-monitoring/stream?x=1", event, null).status())
                .isGreaterThanOrEqualTo(400);
        assertThat(call("POST", "/projects/nope/model-monitoring/stream", event, null).status()).isEqualTo(404);
        JsonNode entries = call("GET", "/audit", null, null).json().get("entries");
        assertThat(entries).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(entries.get(i).get("route").asText())
                    .isEqualTo("/api/v1/projects/{p}/model-monitoring/stream");
            assertThat(entries.get(i).get("status").asInt()).isGreaterThanOrEqualTo(400);
            assertThat(entries.get(i).get("project").asText()).isEqualTo("nope");
            assertThat(entries.get(i).get("actor").asText()).isEqualTo("anonymous");
        }
        assertThat(entries.get(2).get("actor").asText()).isEqualTo("anonymous");
        assertThat(entries.get(2).get("role").isNull()).isTrue();
        assertThat(entries.get(2).get("route").asText()).isEqualTo("/api/v1/projects");
    }
}
