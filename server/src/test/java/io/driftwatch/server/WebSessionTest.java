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
import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 2 (web UI sessions): the cookie names a server-side session — never the key —, two servers sharing
 * the key store honour it, a logout or the key's revocation ends it at once, a state-changing call needs the
 * session's CSRF token, and a cookie-authenticated call without Content-Type is refused (415) while header-key
 * clients keep the route's default type.
 */
class WebSessionTest {
    private static final String ADMIN_KEY = "session-admin-key-0123456789";
    @TempDir
    Path dir;
    private Backend backend;
    private ApiServer one;
    private ApiServer two;
    private String alert;
    private final HttpClient client = HttpClient.newHttpClient();

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
                SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile));
        AccessKeyStore shared = MemoryStores.accessKeyStore();
        one = ApiServer.start(backend, config, ServerMetrics.create(), List.of(), shared);
        two = ApiServer.start(backend, config, ServerMetrics.create(), List.of(), shared);
        for (String p : List.of("a", "b")) {
            assertThat(send(one, "POST", "/projects", "{\"name\":\"" + p + "\"}", "Content-Type",
                    "application/json", "Authorization", "Bearer " + ADMIN_KEY).statusCode()).isEqualTo(201);
        }
        alert = send(one, "GET", "/alert-templates/data-drift-detected", null, "Authorization", "Bearer " + ADMIN_KEY)
                .body();
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        backend.controller().close();
    }

    private HttpResponse<String> send(ApiServer s, String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    private String key(String project, String role) throws IOException {
        HttpResponse<String> r = send(one, "POST", "/projects/" + project + "/access-keys", "{\"role\":\"" + role
                + "\"}", "Content-Type", "application/json", "Authorization", "Bearer " + ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).path("key").asText();
    }

    private record Login(String cookie, String csrf) {
    }

    private Login login(String key) throws IOException {
        HttpResponse<String> r = send(one, "POST", "/session", "{\"key\":\"" + key + "\"}",
                "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200");
        String cookie = setCookie.split(";", 2)[0];
        assertThat(cookie).as("the cookie holds a session, not the key").startsWith("dw_session=ses_")
                .doesNotContain(key).doesNotContain(key.substring(16));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(r.body()).doesNotContain(key);
        return new Login(cookie, body.path("csrf").asText());
    }

    @Test
    void theCookieNamesAServerSideSessionThatEveryServerSharingTheStoreHonours() throws IOException {
        String editor = key("a", "editor");
        Login s = login(editor);
        assertThat(s.csrf()).hasSizeGreaterThan(40);
        for (ApiServer server : List.of(one, two)) {
            assertThat(send(server, "GET", "/projects/a/models", null, "Cookie", s.cookie()).statusCode())
                    .isEqualTo(200);
            assertThat(send(server, "GET", "/projects/b/models", null, "Cookie", s.cookie()).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> current = send(server, "GET", "/session", null, "Cookie", s.cookie());
            assertThat(current.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(current.body()).path("csrf").asText()).isEqualTo(s.csrf());
            assertThat(current.body()).contains("\"project\":\"a\"", "\"role\":\"editor\"");
        }
        assertThat(send(one, "GET", "/session", null).statusCode()).as("no cookie, no session").isEqualTo(401);
        HttpResponse<String> keys = send(one, "GET", "/projects/a/access-keys", null, "Authorization",
                "Bearer " + ADMIN_KEY);
        assertThat(keys.body()).as("sessions are not access keys").doesNotContain("ses_").doesNotContain("session");
        assertThat(Json.MAPPER.readTree(keys.body()).path("access_keys")).hasSize(1);
    }

    @Test
    void everyStateChangingCallOfASessionNeedsItsCsrfToken() throws IOException {
        Login s = login(key("a", "editor"));
        for (String[] token : new String[][] {{}, {"X-Driftwatch-Csrf", "1"}, {"X-Driftwatch-Csrf", s.csrf() + "x"}}) {
            String[] headers = concat(new String[] {"Cookie", s.cookie(), "Content-Type", "application/json"}, token);
            HttpResponse<String> r = send(two, "PUT", "/projects/a/alerts/x", alert, headers);
            assertThat(r.statusCode()).as(String.join(" ", token)).isEqualTo(403);
            assertThat(r.body()).contains("X-Driftwatch-Csrf", "CSRF token");
        }
        assertThat(send(two, "PUT", "/projects/a/alerts/x", alert, "Cookie", s.cookie(), "Content-Type",
                "application/json", "X-Driftwatch-Csrf", s.csrf()).statusCode()).isEqualTo(201);
        assertThat(send(one, "GET", "/projects/a/alerts/x", null, "Cookie", s.cookie()).statusCode())
                .isEqualTo(200);
        Login other = login(key("a", "admin"));
        assertThat(send(one, "DELETE", "/projects/a/alerts/x", null, "Cookie", other.cookie(),
                "X-Driftwatch-Csrf", s.csrf()).statusCode()).as("another session's token").isEqualTo(403);
        assertThat(send(one, "DELETE", "/projects/a/alerts/x", null, "Cookie", other.cookie(),
                "X-Driftwatch-Csrf", other.csrf()).statusCode()).isEqualTo(204);
    }

    @Test
    void aSessionCallWithoutContentTypeIs415WhileHeaderKeyClientsKeepTheDefault() throws IOException {
        Login s = login(key("a", "editor"));
        HttpResponse<String> typeless = send(one, "PUT", "/projects/a/alerts/x", alert, "Cookie", s.cookie(),
                "X-Driftwatch-Csrf", s.csrf());
        assertThat(typeless.statusCode()).as(typeless.body()).isEqualTo(415);
        assertThat(typeless.body()).contains("must declare its Content-Type", "application/json");
        assertThat(send(one, "GET", "/projects/a/alerts/x", null, "Authorization", "Bearer " + ADMIN_KEY)
                .statusCode()).as("nothing stored").isEqualTo(404);
        assertThat(send(one, "PUT", "/projects/a/alerts/x", alert, "Authorization", "Bearer " + ADMIN_KEY)
                .statusCode()).as("a key by header, no Content-Type: JSON as before").isEqualTo(201);
        assertThat(send(one, "POST", "/session", "{\"key\":\"" + ADMIN_KEY + "\"}").statusCode())
                .as("a login declares JSON").isEqualTo(415);
    }

    @Test
    void logoutEndsTheSessionOnEveryServerAndRevokingTheKeyEndsItsSessions() throws IOException {
        String viewer = key("a", "viewer");
        Login first = login(viewer);
        Login second = login(viewer);
        assertThat(send(two, "DELETE", "/session", null, "Cookie", first.cookie()).statusCode())
                .as("logout needs the token too").isEqualTo(403);
        HttpResponse<String> out = send(two, "DELETE", "/session", null, "Cookie", first.cookie(),
                "X-Driftwatch-Csrf", first.csrf());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        HttpResponse<String> ended = send(one, "GET", "/projects/a/models", null, "Cookie", first.cookie());
        assertThat(ended.statusCode()).as("a copied cookie is dead after logout").isEqualTo(401);
        assertThat(ended.body()).contains("log in again");
        assertThat(send(one, "GET", "/projects/a/models", null, "Cookie", second.cookie()).statusCode())
                .as("the other session lives on").isEqualTo(200);
        String id = viewer.substring(3, 15);
        assertThat(send(one, "DELETE", "/projects/a/access-keys/" + id, null, "Authorization", "Bearer "
                + ADMIN_KEY).statusCode()).isEqualTo(204);
        assertThat(send(two, "GET", "/projects/a/models", null, "Cookie", second.cookie()).statusCode())
                .as("revoking the key ends its sessions at once").isEqualTo(401);
    }

    @Test
    void aCookieHoldingAKeyOrAForgedSessionIsNotASession() throws IOException {
        String viewer = key("a", "viewer");
        Login s = login(viewer);
        assertThat(send(one, "GET", "/projects/a/models", null, "Cookie", "dw_session=" + viewer).statusCode())
                .as("the key itself in the cookie (the old scheme)").isEqualTo(401);
        String forged = s.cookie().substring(0, s.cookie().indexOf('.') + 1) + "A".repeat(43);
        assertThat(send(one, "GET", "/projects/a/models", null, "Cookie", forged).statusCode()).isEqualTo(401);
        Login admin = login(ADMIN_KEY);
        assertThat(send(two, "GET", "/projects/b/models", null, "Cookie", admin.cookie()).statusCode())
                .as("a server admin session").isEqualTo(200);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
