package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.alerts.AlertStores;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.server.api.ProjectDeletion;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecuritySettings;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: failed logins — on reads too — are in the audit log, and an address with too many of them gets 429 with
 * {@code Retry-After} (even with a right key, on the Javalin routes and the ingest fast path alike) while requests
 * without a key are not throttled; {@code /metrics} counts both.
 */
class FailedLoginTest {
    private static final String ADMIN_KEY = "failed-login-admin-key-0123456789";
    /** The default burst of {@code AuthThrottle.Limits}. */
    private static final int BURST = 20;
    @TempDir
    Path dir;
    private Backend backend;
    private ApiServer server;
    private final ServerMetrics metrics = ServerMetrics.create();
    private final AuditLog audit = MemoryStores.auditLog();
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
        server = ApiServer.start(backend, ServerConfig.defaults().withPort(0).withDataDir(dir).withSecurity(
                        SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile)), metrics,
                List.of(), ProjectDeletion.Drain.polling(backend.stream()), ProjectDeletion.Sources.NONE,
                MemoryStores.accessKeyStore(), audit);
        assertThat(send("POST", "/api/v1/projects", "{\"name\":\"a\"}", ADMIN_KEY).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
        backend.controller().close();
    }

    private HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failedLoginsOnReadsAreAuditedAndTooManyAreThrottled() {
        for (int i = 0; i < BURST; i++) {
            assertThat(send("GET", "/api/v1/projects/a/models", null, "dw_0123456789ab_wrong" + i).statusCode())
                    .isEqualTo(401);
        }
        List<AuditLog.Entry> entries = audit.query("a", Instant.EPOCH, 100);
        assertThat(entries).filteredOn(e -> e.method().equals("GET")).hasSize(BURST).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("unauthenticated");
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.route()).isEqualTo("/api/v1/projects/{p}/models");
            assertThat(e.remote()).isEqualTo("127.0.0.1");
        });
        assertThat(send("GET", "/api/v1/projects/a/models", null, null).statusCode())
                .as("no key: not a login, not throttled").isEqualTo(401);
        HttpResponse<String> throttled = send("GET", "/api/v1/projects/a/models", null, ADMIN_KEY);
        assertThat(throttled.statusCode()).as("even the right key, from this address").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                s -> assertThat(Long.parseLong(s)).isBetween(1L, 3L));
        assertThat(throttled.body()).contains("too many failed authentications");
        HttpResponse<String> fastPath = send("POST", "/api/v1/projects/a/model-monitoring/stream", "{}", ADMIN_KEY);
        assertThat(fastPath.statusCode()).as("the ingest fast path").isEqualTo(429);
        assertThat(fastPath.headers().firstValue("Retry-After")).isPresent();
        assertThat(send("POST", "/api/v1/session", "{\"key\":\"" + ADMIN_KEY + "\"}", null).statusCode())
                .as("the UI's login").isEqualTo(429);
        String scrape = metrics.scrape(backend);
        assertThat(scrape).contains("driftwatch_auth_failures_total " + BURST + ".0")
                .contains("driftwatch_auth_throttled_total 3.0");
    }
}
