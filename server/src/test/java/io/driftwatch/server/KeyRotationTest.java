package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import io.driftwatch.engine.alerts.AlertStores;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.server.api.ProjectDeletion;
import io.driftwatch.server.auth.AdminKey;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.KeyHasher;
import io.driftwatch.server.auth.SecuritySettings;
import io.driftwatch.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 1: rotating a project key and the server admin key through the API and the Java client (the old key
 * stops at once, the new one works), and reading the audit log by actor and time range.
 */
class KeyRotationTest {
    private static final String ADMIN = "rotation-admin-key-0123456789";
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Backend backend;
    private ApiServer server;

    /** A server whose admin key is "generated" (its hash in the data directory) or comes from {@code keyFile}. */
    private void start(Path keyFile) throws IOException {
        EndpointStore endpoints = MemoryStores.endpointStore();
        TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
        Backends parts = new Backends(new InMemoryEventStream(),
                new EndpointStores(MemoryStores.projectStore(), endpoints, AlertStores.inMemory()),
                new TimeSeriesStores(timeSeries, MemoryStores.processorSink(endpoints, timeSeries)),
                MemoryStores.sampleStore(), ArtifactStores.inMemory(), () -> { });
        backend = Pipeline.over(clock, parts).grace(Duration.ofSeconds(60)).wire();
        if (keyFile == null) {
            Files.writeString(dir.resolve(AdminKey.HASH_FILE), KeyHasher.hash(ADMIN) + "\n");
        }
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir).withSecurity(
                SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile));
        server = ApiServer.start(backend, config, ServerMetrics.create(), List.of(),
                ProjectDeletion.Drain.polling(backend.stream()), ProjectDeletion.Sources.NONE,
                MemoryStores.accessKeyStore(), MemoryStores.auditLog());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            backend.controller().close();
        }
    }

    private DriftwatchClient as(String key) {
        return DriftwatchClient.connect("http://127.0.0.1:" + server.port(), key);
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (DriftwatchException e) {
            return e.status();
        }
    }

    @Test
    void aRotatedProjectKeyStopsAtOnceAndItsSuccessorKeepsTheRole() throws IOException {
        start(null);
        as(ADMIN).createProject("a");
        as(ADMIN).createProject("b");
        JsonNode viewer = as(ADMIN).createAccessKey("a", "viewer");
        String admin = as(ADMIN).createAccessKey("a", "admin").path("key").asText();
        String oldKey = viewer.path("key").asText();
        String id = viewer.path("id").asText();
        assertThat(status(() -> as(oldKey).projects())).isEqualTo(200);

        assertThat(status(() -> as(oldKey).rotateAccessKey("a", id))).as("a viewer may not rotate").isEqualTo(403);
        assertThat(status(() -> as(ADMIN).rotateAccessKey("b", id))).as("not a key of b").isEqualTo(404);
        JsonNode rotated = as(admin).rotateAccessKey("a", id);
        String newKey = rotated.path("key").asText();
        assertThat(rotated.path("replaces").asText()).isEqualTo(id);
        assertThat(rotated.path("role").asText()).isEqualTo("viewer");
        assertThat(rotated.path("id").asText()).isNotEqualTo(id);
        assertThat(newKey).startsWith(rotated.path("prefix").asText() + "_").isNotEqualTo(oldKey);

        assertThat(status(() -> as(oldKey).endpoints("a", null))).as("the old key at once").isEqualTo(401);
        assertThat(status(() -> as(newKey).endpoints("a", null))).isEqualTo(200);
        assertThat(status(() -> as(newKey).createAccessKey("a", "admin"))).as("same role, no more").isEqualTo(403);
        assertThat(as(ADMIN).accessKeys("a").path("access_keys").findValuesAsText("id"))
                .contains(rotated.path("id").asText()).doesNotContain(id);
        assertThat(status(() -> as(ADMIN).rotateAccessKey("a", id))).as("rotated once only").isEqualTo(404);
    }

    @Test
    void theGeneratedAdminKeyIsRotatedThroughTheApiAndTheOldOneStopsAtOnce() throws IOException {
        start(null);
        as(ADMIN).createProject("a");
        String projectAdmin = as(ADMIN).createAccessKey("a", "admin").path("key").asText();
        assertThat(status(() -> as(projectAdmin).rotateAdminKey())).isEqualTo(403);

        String fresh = as(ADMIN).rotateAdminKey().path("key").asText();
        assertThat(fresh).startsWith("dwa_").isNotEqualTo(ADMIN);
        assertThat(status(() -> as(ADMIN).projects())).as("the old admin key at once").isEqualTo(401);
        assertThat(as(fresh).createProject("b").path("name").asText()).isEqualTo("b");
        String stored = Files.readString(dir.resolve(AdminKey.HASH_FILE));
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(fresh);
        assertThat(status(() -> as(projectAdmin).endpoints("a", null))).as("project keys unaffected").isEqualTo(200);
    }

    @Test
    void anAdminKeyFromAFileIsReplacedInTheFileAndFollowedAtOnce() throws IOException {
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN + "\n");
        start(keyFile);
        DriftwatchException refused = (DriftwatchException) org.assertj.core.api.Assertions.catchThrowable(
                () -> as(ADMIN).rotateAdminKey());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.getMessage()).contains("--admin-key-file");
        String replaced = "replaced-admin-key-9876543210";
        Path tmp = Files.writeString(dir.resolve("admin.key.new"), replaced + "\n");
        Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(status(() -> as(ADMIN).projects())).isEqualTo(401);
        assertThat(status(() -> as(replaced).createProject("c"))).isEqualTo(200);
    }

    @Test
    void theAuditLogIsReadByActorAndTimeRangeThroughTheClient() throws IOException {
        start(null);
        as(ADMIN).createProject("a");
        JsonNode editor = as(ADMIN).createAccessKey("a", "editor");
        String prefix = editor.path("prefix").asText();
        clock.advance(Duration.ofHours(1));
        String editorKey = editor.path("key").asText();
        status(() -> as(editorKey).post("/projects/a/model-monitoring/controller/run", null));
        clock.advance(Duration.ofHours(1));
        as(ADMIN).createAccessKey("a", "viewer");

        JsonNode byEditor = as(ADMIN).audit("a", null, null, prefix, null).path("entries");
        assertThat(byEditor).hasSize(1);
        assertThat(byEditor.get(0).path("actor").asText()).isEqualTo(prefix);
        assertThat(byEditor.get(0).path("route").asText()).endsWith("/controller/run");
        JsonNode firstHour = as(ADMIN).audit(null, "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", "admin", null)
                .path("entries");
        assertThat(firstHour.findValuesAsText("route")).containsExactly("/api/v1/projects/{p}/access-keys",
                "/api/v1/projects");
        JsonNode lastOne = as(ADMIN).audit("a", "now-30m", null, null, 5).path("entries");
        assertThat(lastOne).hasSize(1);
        assertThat(lastOne.get(0).path("actor").asText()).isEqualTo("admin");
        assertThatThrownBy(() -> as(ADMIN).audit(null, "now", "now-1h", null, null))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("'since'");
        assertThat(status(() -> as(editorKey).audit("a", null, null, null, null))).isEqualTo(403);
    }
}
