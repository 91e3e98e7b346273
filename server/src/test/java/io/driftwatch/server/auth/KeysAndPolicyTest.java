package io.driftwatch.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.server.http.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key generation and hashing, the admin key's sources, the route policy's rules and the 415 check. */
class KeysAndPolicyTest {
    @TempDir
    Path dir;

    @Test
    void keysAreRandomWithAPublicIdAndOnlyTheirSaltedHashMatches() {
        String id = KeyHasher.newId();
        String key = KeyHasher.newKey(id);
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(key).startsWith("dw_" + id + "_").hasSize(3 + 12 + 1 + 43);
        assertThat(KeyHasher.idOf(key)).isEqualTo(id);
        assertThat(KeyHasher.idOf("dw_XYZ")).isNull();
        assertThat(KeyHasher.idOf("dwa_secret")).isNull();
        String hash = KeyHasher.hash(key);
        assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain(key.substring(16));
        assertThat(KeyHasher.hash(key)).as("salted").isNotEqualTo(hash);
        assertThat(KeyHasher.matches(key, hash)).isTrue();
        assertThat(KeyHasher.matches(key + "x", hash)).isFalse();
        assertThat(KeyHasher.matches(key, "garbage")).isFalse();
        assertThat(KeyHasher.newKey(id)).isNotEqualTo(key);
    }

    @Test
    void aGeneratedAdminKeyIsPrintedOnceAndOnlyItsHashIsKept() throws Exception {
        SecuritySettings required = SecuritySettings.defaults().withAuth(AuthMode.REQUIRED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String hash = AdminKey.hash(required, dir, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("  "))
                .findFirst().orElseThrow().trim();
        assertThat(KeyHasher.matches(printed, hash)).isTrue();
        Path file = dir.resolve(AdminKey.HASH_FILE);
        assertThat(Files.readString(file)).doesNotContain(printed);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(AdminKey.hash(required, dir, Map.of(), new PrintStream(again))).isEqualTo(hash);
        assertThat(again.size()).as("printed only on the first start").isZero();
        Authenticator auth = new Authenticator(true, MemoryStores.accessKeyStore(), hash, Clock.systemUTC());
        assertThat(auth.principal(printed)).contains(Principal.serverAdmin());
    }

    @Test
    void theAdminKeyComesFromTheFileThenTheEnvironment() throws Exception {
        SecuritySettings off = SecuritySettings.defaults();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(AdminKey.hash(off, dir, Map.of(), quiet)).as("auth off, none given").isNull();
        String fromEnv = AdminKey.hash(off, dir, Map.of(AdminKey.ENV, "env-admin-key-1234567"), quiet);
        assertThat(KeyHasher.matches("env-admin-key-1234567", fromEnv)).isTrue();
        Path file = Files.writeString(dir.resolve("k"), "file-admin-key-1234567\nignored\n");
        String fromFile = AdminKey.hash(off.withAdminKeyFile(file), dir, Map.of(AdminKey.ENV, "x"), quiet);
        assertThat(KeyHasher.matches("file-admin-key-1234567", fromFile)).isTrue();
        Path shortKey = Files.writeString(dir.resolve("short"), "abc");
        assertThatThrownBy(() -> AdminKey.hash(off.withAdminKeyFile(shortKey), dir, Map.of(), quiet))
                .hasMessageContaining("16");
        assertThat(Files.exists(dir.resolve(AdminKey.HASH_FILE))).isFalse();
    }

    @Test
    void unnamedRoutesFollowTheRulesAndUnknownOnesAreClosed() {
        RoutePolicy policy = new RoutePolicy(false);
        assertThat(policy.access("GET", "/api/v1/projects/{p}/model-endpoints")).isEqualTo(Access.VIEWER);
        assertThat(policy.access("PATCH", "/api/v1/projects/{p}/model-endpoints/{uid}")).isEqualTo(Access.EDITOR);
        assertThat(policy.access("DELETE", "/api/v1/projects/{p}/alerts/{name}")).isEqualTo(Access.ADMIN);
        assertThat(policy.access("POST", "/api/v1/projects/{p}/model-monitoring/stream")).isEqualTo(Access.INGEST);
        assertThat(policy.access("POST", "/serving/{project}/{function}/v2/models/{model}/infer"))
                .isEqualTo(Access.INGEST);
        assertThat(policy.access("GET", "/api/v1/some-new-global-route")).isEqualTo(Access.SERVER_ADMIN);
        assertThat(policy.access("GET", "/metrics")).as("a viewer key sees its project's series").isEqualTo(Access.VIEWER);
        assertThat(policy.access("GET", "/health/live")).isEqualTo(Access.OPEN);
        assertThat(new RoutePolicy(false, true).access("GET", "/health/ready")).isEqualTo(Access.ANY_KEY);
        assertThat(new RoutePolicy(false, true).access("GET", "/api/v1/health/live")).isEqualTo(Access.ANY_KEY);
        assertThat(new RoutePolicy(true).access("GET", "/metrics")).isEqualTo(Access.OPEN);
        assertThat(RoutePolicy.project("/api/v1/projects/{p}/models", "/api/v1/projects/a%2Db/models"))
                .isEqualTo("a-b");
        assertThat(RoutePolicy.project("/metrics", "/metrics")).isNull();
    }

    @Test
    void rolesGrantWhatTheirNameSays() {
        Principal ingest = new Principal("a", Role.INGEST, "k");
        assertThat(ingest.allows(Access.INGEST, "a")).isTrue();
        assertThat(ingest.allows(Access.VIEWER, "a")).isFalse();
        assertThat(ingest.allows(Access.INGEST, "b")).isFalse();
        Principal editor = new Principal("a", Role.EDITOR, "k");
        assertThat(editor.allows(Access.EDITOR, "a")).isTrue();
        assertThat(editor.allows(Access.ADMIN, "a")).isFalse();
        assertThat(new Principal("a", Role.ADMIN, "k").allows(Access.SERVER_ADMIN, null)).isFalse();
        assertThat(Principal.serverAdmin().allows(Access.SERVER_ADMIN, null)).isTrue();
        assertThat(Set.of(Role.values())).allSatisfy(r -> assertThat(Role.parse(r.value().toUpperCase())).isEqualTo(r));
        assertThatThrownBy(() -> Role.parse("owner")).hasMessageContaining("viewer");
    }

    @Test
    void undeclaredBodyTypesGet415NamingTheAcceptedOnes() {
        RoutePolicy policy = new RoutePolicy(false);
        policy.requireBodyType("POST", "/api/v1/projects", "application/json; charset=utf-8");
        policy.requireBodyType("POST", "/api/v1/projects", null);
        policy.requireBodyType("GET", "/api/v1/projects", "text/plain");
        policy.requireBodyType("POST", "/api/v1/projects/{p}/models", "multipart/form-data; boundary=x");
        assertThatThrownBy(() -> policy.requireBodyType("PUT", "/api/v1/projects/{p}/alerts/{name}", "text/plain"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415))
                .hasMessageContaining("text/plain").hasMessageContaining("application/json");
        assertThatThrownBy(() -> policy.requireBodyType("POST", "/api/v1/projects/{p}/models", "application/json"))
                .hasMessageContaining("multipart/form-data");
    }
}
