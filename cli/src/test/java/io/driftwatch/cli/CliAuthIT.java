package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecuritySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a server with {@code --auth required}: {@code --access-key} and {@code access-keys}. */
class CliAuthIT {
    private static final String ADMIN = "cli-admin-key-0123456789";
    @TempDir
    Path dir;
    private Server server;

    @BeforeEach
    void start() throws IOException {
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN);
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data")).withSecurity(
                SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String key, String... args) {
        String url = "http://localhost:" + server.port();
        return key == null ? CliRun.at(url, args) : CliRun.at(url, args, "--access-key", key);
    }

    @Test
    void keysAreCreatedListedUsedAndRevokedFromTheCli() throws IOException {
        CliRun anonymous = run(null, "projects", "create", "secure");
        assertThat(anonymous.code()).isEqualTo(1);
        assertThat(anonymous.err()).contains("401");
        assertThat(run(ADMIN, "projects", "create", "secure").code()).isZero();
        CliRun created = run(ADMIN, "access-keys", "create", "viewer", "-p", "secure");
        assertThat(created.code()).as(created.err()).isZero();
        String key = created.json().path("key").asText();
        String id = created.json().path("id").asText();
        assertThat(key).startsWith("dw_" + id + "_");
        assertThat(run(key, "projects", "list").json().findValuesAsText("name")).containsExactly("secure");
        CliRun listed = run(ADMIN, "access-keys", "list", "-p", "secure", "-o", "table");
        assertThat(listed.out()).contains("dw_" + id).contains("viewer").doesNotContain(key);
        assertThat(run(key, "projects", "create", "other").err()).contains("403");
        assertThat(run(ADMIN, "access-keys", "revoke", id, "-p", "secure").out()).contains("revoked " + id);
        assertThat(run(key, "projects", "list").err()).contains("401");
    }

    @Test
    void keysAreRotatedAndTheAuditLogIsReadFromTheCli() throws IOException {
        assertThat(run(ADMIN, "projects", "create", "secure").code()).isZero();
        CliRun created = run(ADMIN, "access-keys", "create", "editor", "-p", "secure");
        String oldKey = created.json().path("key").asText();
        String id = created.json().path("id").asText();
        assertThat(run(oldKey, "access-keys", "rotate", id, "-p", "secure").err()).as("an editor may not")
                .contains("403");
        CliRun rotated = run(ADMIN, "access-keys", "rotate", id, "-p", "secure");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        String newKey = rotated.json().path("key").asText();
        assertThat(rotated.json().path("replaces").asText()).isEqualTo(id);
        assertThat(rotated.json().path("role").asText()).isEqualTo("editor");
        assertThat(run(oldKey, "projects", "list").err()).contains("401");
        assertThat(run(newKey, "projects", "list").json().findValuesAsText("name")).containsExactly("secure");
        assertThat(run(ADMIN, "access-keys", "rotate", id, "-p", "secure").err()).contains("404");

        CliRun all = run(ADMIN, "audit", "--actor", "admin", "--since", "now-1h", "-o", "json");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.json().findValuesAsText("route")).contains("/api/v1/projects",
                "/api/v1/projects/{p}/access-keys/{id}/rotate").allMatch(r -> r.startsWith("/api/v1/"));
        assertThat(all.json().findValuesAsText("actor")).containsOnly("admin");
        CliRun refused = run(ADMIN, "audit", "-p", "secure", "--actor", "unauthenticated", "-o", "json");
        assertThat(refused.json().findValuesAsText("route")).as("the editor's refused rotation")
                .containsExactly("/api/v1/projects/{p}/access-keys/{id}/rotate");
        assertThat(refused.json().findValuesAsText("status")).containsExactly("403");
        assertThat(run(ADMIN, "audit", "-p", "secure", "--actor", "dw_" + id, "-o", "json").json()).isEmpty();
        CliRun table = run(ADMIN, "audit", "-p", "secure", "--until", "now-1h", "-o", "table");
        assertThat(table.code()).isZero();
        assertThat(table.out()).doesNotContain("/rotate");
        assertThat(run(newKey, "audit", "-p", "secure").err()).as("an editor may not read it").contains("403");
        CliRun admin = run(ADMIN, "admin-key", "rotate");
        assertThat(admin.code()).isEqualTo(1);
        assertThat(admin.err()).contains("409").contains("--admin-key-file");
    }
}
