package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.backend.BackendKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} per backend, the retry of a backend that is down at start and the recovery of one that goes
 * down later, without a restart. The down backend is {@link TcpGateStoreProvider}: an endpoint store reachable
 * exactly when a real TCP port accepts connections (see there: a test of the mechanism, not of a database).
 */
class BackendHealthIT {
    private static final String PASSWORD = "gate-pw-5c1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private ServerSocket gate;

    @AfterEach
    void closeGate() throws IOException {
        if (gate != null) {
            gate.close();
        }
    }

    @Test
    void embeddedBackendsAreReady() {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("d")))) {
            Http.Response ready = new Http(server.port()).get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("status").asText()).isEqualTo("ready");
            for (BackendKind k : BackendKind.values()) {
                assertThat(ready.json().path("backends").path(k.key()).path("state").asText()).as(k.key())
                        .isEqualTo("ready");
            }
            assertThat(rawGet(server.port(), "/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void aStoreDownAtStartIsNamedRetriedAndServedOnceItAnswers() throws IOException {
        int port = freePort();
        try (Server server = Server.start(config(port))) {
            assertThat(server.started()).isFalse();
            Http http = new Http(server.port());
            Http.Response starting = rawGet(server.port(), "/health/ready");
            assertThat(starting.status()).isEqualTo(503);
            JsonNode store = starting.json().path("backends").path("endpoint-store-connection");
            assertThat(starting.json().path("status").asText()).isEqualTo("starting");
            assertThat(store.path("state").asText()).isEqualTo("starting");
            assertThat(store.path("uri").asText()).isEqualTo("tcpgate://dw:***@127.0.0.1:" + port + "/x");
            assertThat(store.path("reason").asText()).contains("Connection refused");
            assertThat(starting.body()).doesNotContain(PASSWORD);
            Http.Response projects = http.get("/projects");
            assertThat(projects.status()).isEqualTo(503);
            assertThat(projects.errorMessage()).contains("endpoint-store-connection").contains("dw:***@127.0.0.1")
                    .doesNotContain(PASSWORD);

            openGate(port);
            await("the server starts once the store answers").atMost(WAIT).until(server::started);
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.post("/projects", "{\"name\":\"p\"}").status()).isEqualTo(201);
            assertThat(http.get("/projects").json().findValuesAsText("name")).containsExactly("p");
        }
    }

    @Test
    void aStoreThatGoesDownLaterIsReportedAndRecoversWithoutRestart() throws IOException {
        int port = freePort();
        openGate(port);
        try (Server server = Server.start(config(port))) {
            assertThat(server.started()).isTrue();
            Http http = new Http(server.port());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            gate.close();
            await("the probe sees the store down").atMost(WAIT).until(() -> http.get("/health/ready").status() == 503);
            Http.Response down = http.get("/health/ready");
            assertThat(down.json().path("status").asText()).isEqualTo("down");
            assertThat(down.json().path("backends").path("endpoint-store-connection").path("reason").asText())
                    .contains("Connection refused");
            assertThat(down.json().path("backends").path("stream-path").path("state").asText()).isEqualTo("ready");
            assertThat(down.body()).doesNotContain(PASSWORD);
            openGate(port);
            await("the probe sees it answer again").atMost(WAIT).until(() -> http.get("/health/ready").status() == 200);
            assertThat(http.post("/projects", "{\"name\":\"q\"}").status()).isEqualTo(201);
        }
    }

    private ServerConfig config(int port) {
        return ServerConfig.fromProperties(java.util.Map.of("port", "0", "data-dir", dir.resolve("d").toString(),
                "endpoint-store-connection", "tcpgate://dw:" + PASSWORD + "@127.0.0.1:" + port + "/x",
                "health-interval", "200ms"));
    }

    /** Accepts (and closes) every connection on {@code port} until the test closes the gate. */
    private void openGate(int port) throws IOException {
        gate = new ServerSocket();
        gate.setReuseAddress(true);
        gate.bind(new InetSocketAddress("127.0.0.1", port));
        ServerSocket g = gate;
        Thread.ofVirtual().start(() -> {
            while (!g.isClosed()) {
                try (Socket s = g.accept()) {
                    s.getInputStream().available();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A GET without the /api/v1 prefix. */
    private static Http.Response rawGet(int port, String path) {
        return new Http(port).getAbsolute(path);
    }
}
