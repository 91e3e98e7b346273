package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.server.auth.SecretSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pt 5: secrets are encrypted in the embedded store's files, still work, and need the right key. */
class SecretsAtRestIT {
    private static final String TOKEN = "TOKEN-q3-" + "x7";
    private static final String PASSWORD = "DBPASS-q3-" + "y8";

    @TempDir
    Path dir;

    private Path keyFile(String name, int fill, String mode) throws IOException {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        Path f = Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private ServerConfig config(Path key) {
        return ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withSecrets(new SecretSettings(List.of("127.0.0.1/32"), key));
    }

    @Test
    void storedFilesHoldNoSecretTheWebhookStillGetsItsHeaderAndAWrongKeyIsRefused() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", ex -> {
            got.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Token")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        Path key = keyFile("a.key", 1, "rw-------");
        try (Server server = Server.start(config(key))) {
            Http http = new Http(server.port());
            assertThat(http.post("/projects", "{\"name\":\"p\"}").status()).isEqualTo(201);
            assertThat(http.post("/projects/p/model-monitoring/set-model-monitoring-credentials",
                    "{\"tsdb_connection\":\"postgresql://u:" + PASSWORD + "@db/x\"}").status()).isLessThan(300);
            assertThat(http.put("/projects/p/alerts/w", "{\"entities\": {\"kind\": \"model-endpoint-result\","
                    + " \"ids\": [\"*\"]}, \"trigger\": {\"events\": [\"data-drift-detected\"]},"
                    + " \"notifications\": [{\"kind\": \"webhook\", \"params\": {\"url\": \"http://127.0.0.1:"
                    + hook.getAddress().getPort() + "/h\", \"headers\": {\"X-Token\": \"" + TOKEN + "\"}}}]}")
                    .status()).isEqualTo(201);
            assertThat(http.post("/projects/p/events/data-drift-detected", "{\"entity\": {\"kind\":"
                    + " \"model-endpoint-result\", \"project\": \"p\", \"ids\": [\"ep1.app.result.r\"]},"
                    + " \"value_dict\": {\"model_endpoint_id\": \"ep1\", \"result_value\": 0.9}}").status())
                    .isEqualTo(202);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(TOKEN);
            assertThat(http.get("/projects/p/model-monitoring/settings").body()).doesNotContain(PASSWORD);
        } finally {
            hook.stop(0);
        }
        assertThat(filesContaining(TOKEN)).isEmpty();
        assertThat(filesContaining(PASSWORD)).isEmpty();

        assertThatThrownBy(() -> Server.start(config(keyFile("b.key", 2, "rw-------"))).close())
                .hasMessageContaining("--secret-key-file b.key").hasMessageContaining("wrong key");
        assertThatThrownBy(() -> Server.start(config(keyFile("open.key", 1, "rw-r--r--"))).close())
                .hasMessageContaining("chmod 600");
        try (Server again = Server.start(config(key))) {
            assertThat(new Http(again.port()).get("/projects/p/alerts/w").status()).isEqualTo(200);
        }
    }

    private List<Path> filesContaining(String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
