package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.engine.alerts.AlertActivation.Delivery;
import io.driftwatch.engine.alerts.AlertActivation.Status;
import io.driftwatch.engine.event.EngineEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook and Slack payloads received by a real HTTP server; e-mail received by GreenMail (plain SMTP + AUTH). */
class NotifiersTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "alerts", "pw"));

    /** One received HTTP request. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private HttpServer http;

    @BeforeEach
    void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] out = (status == 200 ? "ok" : "no such hook").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
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

    static Message message(String notification) {
        AlertConfig c = AlertTesting.config("p", "drift", "{'summary': 'Drift on {{entity}} \\\"quoted\\\"',"
                + " 'severity': 'high', 'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
                + " 'trigger': {'events': ['data-drift-detected']}, 'notifications': [" + notification + "]}");
        EngineEvent e = AlertTesting.drift("p", "ep1", "data-drift-detected", Instant.parse("2024-03-01T12:00:00Z"));
        AlertActivation a = AlertActivation.builder().id("1709294400000-0001").project("p").alert("drift")
                .severity(c.severity()).summary("Drift on ep1 \"quoted\"").resetPolicy(c.resetPolicy())
                .entityKind(e.entityKind()).entityId(e.entityId()).endpoints(List.of("ep1")).time(e.time())
                .active(false).resetTime(e.time()).resetBy("auto").events(List.of(e))
                .notifications(List.of(new Delivery(0, "x", Status.PENDING, 0, null, null))).build();
        return new Message(c, a, c.notifications().get(0).params());
    }

    @Test
    void webhookPostsMlrunsBodyWithTheHeaders() throws Exception {
        Notifier.webhook(Duration.ofSeconds(5), AlertTesting.LOCAL).send(message("{'kind': 'webhook', 'params': {'url': '"
                + url("/hook?token=t") + "', 'headers': {'X-Token': 'secret'}}}"));
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hook?token=t");
        assertThat(r.headers().get("X-token")).containsExactly("secret");
        assertThat(r.headers().get("Content-type")).containsExactly("application/json");
        JsonNode body = AlertConfigJson.MAPPER.readTree(r.body());
        assertThat(body.get("message").asText()).isEqualTo("Drift on ep1 \"quoted\"");
        assertThat(body.get("severity").asText()).isEqualTo("high");
        assertThat(body.get("name").asText()).isEqualTo("drift");
        assertThat(body.get("project").asText()).isEqualTo("p");
        assertThat(body.get("id").asText()).isEqualTo("1709294400000-0001");
        assertThat(body.at("/value/result_value").asDouble()).isEqualTo(0.8);
        assertThat(body.at("/events/0/kind").asText()).isEqualTo("data-drift-detected");
    }

    @Test
    void webhookBodyTemplateIsJsonEscapedAndMethodIsHonoured() throws Exception {
        Notifier.webhook(Duration.ofSeconds(5), AlertTesting.LOCAL).send(message("{'kind': 'webhook', 'params': {'url': '"
                + url("/t") + "', 'method': 'PUT', 'body': '{\\'text\\': \\'{{summary}} ({{severity}})\\', "
                + "\\'v\\': {{value}}, \\'n\\': {{count}}}'}}"));
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertThat(r.method()).isEqualTo("PUT");
        JsonNode body = AlertConfigJson.MAPPER.readTree(r.body());
        assertThat(body.get("text").asText()).isEqualTo("Drift on ep1 \"quoted\" (high)");
        assertThat(body.at("/v/model_endpoint_id").asText()).isEqualTo("ep1");
        assertThat(body.get("n").asInt()).isEqualTo(1);
    }

    @Test
    void aRefusingWebhookIsAnErrorNamingTheStatusNotTheUrl() {
        status = 404;
        assertThatThrownBy(() -> Notifier.webhook(Duration.ofSeconds(5), AlertTesting.LOCAL).send(message(
                "{'kind': 'webhook', 'params': {'url': '" + url("/secret-path") + "'}}")))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404")
                .hasMessageNotContaining("secret-path");
    }

    @Test
    void slackGetsAnIncomingWebhookPayloadWithBlocks() throws Exception {
        Notifier.slack(Duration.ofSeconds(5), AlertTesting.LOCAL).send(message("{'kind': 'slack', 'params': {'webhook': '"
                + url("/services/T0/B0/XYZ") + "'}}"));
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertThat(r.path()).isEqualTo("/services/T0/B0/XYZ");
        JsonNode body = AlertConfigJson.MAPPER.readTree(r.body());
        assertThat(body.get("text").asText()).contains("[high] p/drift: Drift on ep1");
        assertThat(body.get("blocks").findValuesAsText("type")).contains("header", "section", "context", "mrkdwn");
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("Alert drift fired");
        assertThat(body.at("/blocks/2/fields").findValuesAsText("text")).contains("*Project*\np", "*Endpoint*\nep1");
    }

    @Test
    void emailIsDeliveredWithAuthToARealSmtpServer() throws Exception {
        int port = GREEN_MAIL.getSmtp().getPort();
        Notifier.email(Duration.ofSeconds(5), AlertTesting.LOCAL).send(message("{'kind': 'email', 'params': {'host': '127.0.0.1',"
                + " 'port': " + port + ", 'starttls': false, 'username': 'alerts', 'password': 'pw',"
                + " 'from': 'driftwatch@example.com', 'to': ['ops@example.com']}}"));
        assertThat(GREEN_MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[Driftwatch] high alert drift in p");
        assertThat(m.getFrom()[0].toString()).isEqualTo("driftwatch@example.com");
        assertThat((String) m.getContent()).contains("Drift on ep1 \"quoted\"").contains("data-drift-detected")
                .contains("Endpoints: ep1");
    }

    @Test
    void starttlsRequiredNeverFallsBackToCleartext() {
        int port = GREEN_MAIL.getSmtp().getPort();   // GreenMail offers no STARTTLS
        assertThatThrownBy(() -> Notifier.email(Duration.ofSeconds(5), AlertTesting.LOCAL).send(message("{'kind': 'email', 'params':"
                + " {'host': '127.0.0.1', 'port': " + port + ", 'from': 'a@example.com', 'to': 'ops@example.com'}}")))
                .hasMessageContaining("STARTTLS");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }
}
