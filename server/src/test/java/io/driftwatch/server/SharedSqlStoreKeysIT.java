package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecuritySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 1 on a shared SQL store: two servers on one PostgreSQL database (each with its own data directory and
 * embedded stream) see the same access keys; a key created on one works on the other, a key revoked or rotated on
 * one stops at once on both, and the keys outlive a restart (they are rows of {@code access_keys}, not memory).
 */
class SharedSqlStoreKeysIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String ADMIN = "shared-store-admin-key-0123456789";
    @TempDir
    Path dir;
    private String db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = "dw_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + db);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Server start(String name) throws IOException {
        Path keyFile = dir.resolve("admin.key");
        if (!Files.exists(keyFile)) {
            Files.writeString(keyFile, ADMIN + "\n");
        }
        String url = "postgresql://postgres@127.0.0.1:5432/" + db;
        return Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve(name))
                .withBackend(BackendKind.ENDPOINT_STORE, url).withBackend(BackendKind.TSDB, url)
                .withSecurity(SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile)));
    }

    private static DriftwatchClient on(Server s, String key) {
        return DriftwatchClient.connect("http://127.0.0.1:" + s.port(), key);
    }

    private static int status(Server s, String key) {
        try {
            on(s, key).endpoints("shared", null);
            return 200;
        } catch (DriftwatchException e) {
            return e.status();
        }
    }

    @Test
    void keysAreSharedRevokedAndRotatedAcrossServersAndKeptAcrossRestarts() throws IOException {
        String viewer;
        String rotated;
        try (Server a = start("a"); Server b = start("b")) {
            on(a, ADMIN).createProject("shared");
            JsonNode created = on(a, ADMIN).createAccessKey("shared", "viewer");
            viewer = created.path("key").asText();
            assertThat(status(b, viewer)).as("created on a, used on b").isEqualTo(200);

            JsonNode next = on(b, ADMIN).rotateAccessKey("shared", created.path("id").asText());
            rotated = next.path("key").asText();
            assertThat(status(a, viewer)).as("rotated on b: the old key stops on a at once").isEqualTo(401);
            assertThat(status(b, viewer)).isEqualTo(401);
            assertThat(status(a, rotated)).isEqualTo(200);

            JsonNode editor = on(b, ADMIN).createAccessKey("shared", "editor");
            String doomed = editor.path("key").asText();
            String doomedId = editor.path("id").asText();
            assertThat(status(a, doomed)).isEqualTo(200);
            on(a, ADMIN).revokeAccessKey("shared", doomedId);
            assertThat(status(b, doomed)).as("revoked on a: stops on b at once").isEqualTo(401);
            assertThat(on(b, ADMIN).accessKeys("shared").path("access_keys").findValuesAsText("id"))
                    .containsExactly(next.path("id").asText());
        }
        try (Server again = start("a")) {
            assertThat(status(again, rotated)).as("kept in the database across a restart").isEqualTo(200);
            assertThat(status(again, viewer)).isEqualTo(401);
        }
    }
}
