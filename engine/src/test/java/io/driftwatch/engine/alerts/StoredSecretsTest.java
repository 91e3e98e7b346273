package io.driftwatch.engine.alerts;

import static io.driftwatch.engine.alerts.AlertTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.secret.SecretBox;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Channel secrets are encrypted in the alert store and still work. */
class StoredSecretsTest {
    @Test
    void theStoreHoldsNoSecretInClearAndTheWebhookGetsTheRightHeader() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            got.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("X-Token"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        AlertEngine.Options options = AlertEngine.Options.defaults().withOutbound(AlertTesting.LOCAL)
                .withDispatch(AlertTesting.FAST).withSecrets(SecretBox.of(key, "test"));
        AlertStore store = AlertStores.inMemory();
        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T12:00:00Z"));
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/hook-path-q5";
        try (AlertEngine first = AlertEngine.create(store, null, null, null, clock, options)) {
            first.put(config("p", "w", "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
                    + " 'trigger': {'events': ['data-drift-detected']}, 'notifications': [{'kind': 'webhook',"
                    + " 'params': {'url': '" + url + "', 'headers': {'X-Token': 'tok-q5'}}}, {'kind': 'email',"
                    + " 'params': {'host': 'smtp.x', 'username': 'u', 'password': 'pw-q5', 'from': 'a@b.c',"
                    + " 'to': 'd@e.f'}}]}"));
        }
        String raw = store.configs("p").get(0).json();
        assertThat(raw).doesNotContain("tok-q5").doesNotContain("pw-q5").doesNotContain("hook-path-q5")
                .contains("enc:v1:");
        try (AlertEngine second = AlertEngine.create(store, null, null, null, clock, options)) {
            second.onEvent(AlertTesting.drift("p", "ep1", "data-drift-detected", clock.instant()));
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("/hook-path-q5 tok-q5");
            assertThat(second.get("p", "w").orElseThrow().notifications().get(1).params())
                    .containsEntry("password", "pw-q5");
        } finally {
            http.stop(0);
        }
    }
}
