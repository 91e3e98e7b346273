package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecuritySettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pt 3: the server listens on loopback by default and refuses to be open to the network without keys. */
class SecureByDefaultTest {
    @TempDir
    Path dir;

    private static Backend backend() {
        return new Backend(Clock.systemUTC(), MemoryStores.projectStore(), null, null, null, null, null, null, null);
    }

    @Test
    void defaultsAreLoopbackWithAuthOff() {
        SecuritySettings s = ServerConfig.defaults().security();
        assertThat(s.bind()).isEqualTo("127.0.0.1");
        assertThat(s.auth()).isEqualTo(AuthMode.OFF);
        assertThat(s.loopback()).isTrue();
        s.requireSafe();
    }

    @Test
    void aServerBoundToEveryAddressRefusesToStartWithoutAuth() {
        ServerConfig open = ServerConfig.fromProperties(Map.of("bind", "0.0.0.0", "port", "0",
                "data-dir", dir.toString()));
        assertThatThrownBy(() -> ApiServer.start(backend(), open)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("--auth required");
        assertThatThrownBy(() -> Server.start(open)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0");
    }

    @Test
    void insecureIsAnExplicitOptIn() {
        ServerConfig c = ServerConfig.fromProperties(Map.of("bind", "0.0.0.0", "port", "0", "insecure", "true",
                "data-dir", dir.toString()));
        try (ApiServer api = ApiServer.start(backend(), c)) {
            assertThat(api.port()).isPositive();
        }
    }

    @Test
    void badSecurityValuesAreNamed() {
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("auth", "maybe"))).hasMessageContaining("maybe")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("insecure", "yes"))).hasMessageContaining("insecure");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("bind", " "))).hasMessageContaining("bind");
        assertThat(ServerConfig.fromProperties(Map.of("auth", "REQUIRED")).security().authRequired()).isTrue();
    }
}
