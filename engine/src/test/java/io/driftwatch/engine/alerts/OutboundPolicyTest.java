package io.driftwatch.engine.alerts;

import static io.driftwatch.engine.alerts.AlertTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.engine.memory.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound rules (issue 18 pt 6) and "a stored secret only goes where it was entered for" (pt 8). */
class OutboundPolicyTest {
    private static final String BASE = "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
            + " 'trigger': {'events': ['data-drift-detected']}, ";
    private final BlockingQueue<String> hits = new LinkedBlockingQueue<>();
    private HttpServer http;
    private volatile String redirect;

    @BeforeEach
    void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            hits.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("X-Token"));
            ex.getRequestBody().readAllBytes();
            if (redirect != null && ex.getRequestURI().getPath().equals("/start")) {
                ex.getResponseHeaders().add("Location", redirect);
                ex.sendResponseHeaders(302, -1);
            } else {
                byte[] big = new byte[1 << 20];
                ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/fail") ? 500 : 200, big.length);
                ex.getResponseBody().write(big);
            }
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stopHttp() {
        http.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Test
    void internalDestinationsAreRefusedUnlessAllowed() {
        for (String u : List.of("http://127.0.0.1/x", "http://localhost:8080/", "http://169.254.169.254/latest",
                "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.5/", "http://[::1]/", "http://0.0.0.0/",
                "http://[fe80::1]/", "http://[fd00::1]/")) {
            assertThat(OutboundPolicy.STRICT.refusal(URI.create(u))).as(u).isNotNull();
        }
        assertThat(OutboundPolicy.STRICT.refusal(URI.create("ftp://93.184.216.34/"))).contains("http and https");
        assertThat(OutboundPolicy.STRICT.refusal(URI.create("https://93.184.216.34/hook"))).isNull();
        OutboundPolicy local = OutboundPolicy.allowing(List.of("127.0.0.1/32"));
        assertThat(local.refusal(URI.create("http://127.0.0.1:9/x"))).isNull();
        assertThat(local.refusal(URI.create("http://localhost:9/x"))).isNull();
        assertThat(local.refusal(URI.create("http://127.0.0.2/x"))).contains("loopback");
        assertThat(local.refusal(URI.create("http://169.254.169.254/"))).contains("link-local");
        assertThatThrownBy(() -> OutboundPolicy.allowing(List.of("10.0.0.0/40"))).hasMessageContaining("CIDR");
    }

    @Test
    void savingAWebhookToAnInternalAddressIsRefusedNamingTheField() {
        try (AlertEngine strict = AlertEngine.create(AlertStores.inMemory(), null, null, null,
                new MutableClock(Instant.EPOCH), AlertEngine.Options.defaults())) {
            for (String u : List.of("http://127.0.0.1:9/h", "http://localhost/h", "http://169.254.169.254/latest")) {
                assertThatThrownBy(() -> strict.put(config("p", "a", BASE + "'notifications': [{'kind': 'webhook',"
                        + " 'params': {'url': '" + u + "'}}]}")))
                        .isInstanceOf(InvalidAlertException.class).hasMessageContaining("notifications[0].params.url")
                        .hasMessageContaining("--allow-outbound");
            }
            assertThatThrownBy(() -> strict.put(config("p", "s", BASE + "'notifications': [{'kind': 'slack',"
                    + " 'params': {'webhook': 'http://10.0.0.7/services/x'}}]}")))
                    .hasMessageContaining("notifications[0].params.webhook").hasMessageContaining("private");
        }
    }

    @Test
    void aRedirectToAForbiddenAddressIsNotFollowedButAnAllowedOneIs() throws Exception {
        HttpPost post = new HttpPost(Duration.ofSeconds(5), AlertTesting.LOCAL);
        redirect = "http://169.254.169.254/latest/meta-data/";
        assertThatThrownBy(() -> post.send("POST", url("/start"), Map.of(), "{}"))
                .isInstanceOf(IOException.class).hasMessageContaining("destination refused")
                .hasMessageContaining("169.254.169.254");
        assertThat(hits).containsExactly("/start null");
        hits.clear();
        redirect = url("/next");
        post.send("POST", url("/start"), Map.of(), "{}");
        assertThat(hits).containsExactly("/start null", "/next null");
        assertThatThrownBy(() -> new HttpPost(Duration.ofSeconds(5), OutboundPolicy.STRICT)
                .send("POST", url("/next"), Map.of(), "{}")).hasMessageContaining("loopback");
    }

    @Test
    void smtpHostsFollowTheOutboundRulesOnSaveAndOnSend() {
        try (AlertEngine strict = AlertEngine.create(AlertStores.inMemory(), null, null, null,
                new MutableClock(Instant.EPOCH), AlertEngine.Options.defaults())) {
            for (String h : List.of("127.0.0.1", "localhost", "169.254.169.254", "10.0.0.25")) {
                assertThatThrownBy(() -> strict.put(config("p", "m", BASE + "'notifications': [{'kind': 'email',"
                        + " 'params': {'host': '" + h + "', 'port': 25, 'from': 'a@example.com',"
                        + " 'to': ['ops@example.com']}}]}")))
                        .as(h).isInstanceOf(InvalidAlertException.class)
                        .hasMessageContaining("notifications[0].params.host").hasMessageContaining("--allow-outbound");
            }
            assertThat(strict.put(config("p", "m", BASE + "'notifications': [{'kind': 'email', 'params': {'host':"
                    + " 'smtp.not-yet-published.invalid', 'port': 25, 'from': 'a@example.com',"
                    + " 'to': ['ops@example.com']}}]}"))).as("a name that does not resolve yet").isNotNull();
        }
        assertThatThrownBy(() -> Notifier.email(Duration.ofSeconds(2), OutboundPolicy.STRICT).send(NotifiersTest
                .message("{'kind': 'email', 'params': {'host': '169.254.169.254', 'port': 25, 'starttls': false,"
                        + " 'from': 'a@example.com', 'to': ['ops@example.com']}}")))
                .hasMessageContaining("destination refused").hasMessageContaining("link-local");
    }

    @Test
    void aFailingAnswerShowsOnlyTheStatusNeverTheBody() {
        HttpPost post = new HttpPost(Duration.ofSeconds(5), AlertTesting.LOCAL);
        assertThatThrownBy(() -> post.send("POST", url("/fail"), Map.of(), "{}"))
                .isInstanceOf(IOException.class).hasMessage("HTTP 500 from 127.0.0.1");
    }

    @Test
    void aMaskedSecretIsNeverSentToANewDestination() throws Exception {
        RecordingNotifier none = new RecordingNotifier("console", 0);
        try (AlertEngine engine = AlertTesting.engine(AlertStores.inMemory(), null, null, null,
                new MutableClock(Instant.EPOCH), none)) {
            engine.put(config("p", "w", BASE + "'notifications': [{'kind': 'webhook', 'params': {'url': '"
                    + url("/old") + "', 'headers': {'X-Token': 'tok-123'}}}]}"));
            ObjectNode masked = AlertConfigJson.toJson(engine.get("p", "w").orElseThrow(), true);
            ((ObjectNode) masked.at("/notifications/0/params")).put("url", url("/attacker"));
            assertThatThrownBy(() -> engine.put(AlertConfigJson.parse("p", "w", masked)))
                    .isInstanceOf(InvalidAlertException.class)
                    .hasMessageContaining("notifications[0].params.headers.X-Token")
                    .hasMessageContaining("re-enter the secret for the new destination");
            assertThat(engine.get("p", "w").orElseThrow().notifications().get(0).params().get("url"))
                    .isEqualTo(url("/old"));

            ObjectNode same = AlertConfigJson.toJson(engine.get("p", "w").orElseThrow(), true);
            AlertConfig kept = engine.put(AlertConfigJson.parse("p", "w", same));
            assertThat(kept.notifications().get(0).params()).containsEntry("url", url("/old"))
                    .containsEntry("headers", Map.of("X-Token", "tok-123"));
            ((ObjectNode) same.at("/notifications/0/params")).put("url", url("/new"))
                    .putObject("headers").put("X-Token", "tok-new");
            assertThat(engine.put(AlertConfigJson.parse("p", "w", same)).notifications().get(0).params())
                    .containsEntry("headers", Map.of("X-Token", "tok-new"));

            engine.put(config("p", "m", BASE + "'notifications': [{'kind': 'email', 'params': {'host': 'smtp.a',"
                    + " 'username': 'u', 'password': 'pw', 'from': 'a@b.c', 'to': 'd@e.f'}}]}"));
            ObjectNode mail = AlertConfigJson.toJson(engine.get("p", "m").orElseThrow(), true);
            ((ObjectNode) mail.at("/notifications/0/params")).put("host", "smtp.evil");
            assertThatThrownBy(() -> engine.put(AlertConfigJson.parse("p", "m", mail)))
                    .hasMessageContaining("notifications[0].params.password");
        }
        assertThat(hits).isEmpty();
    }
}
