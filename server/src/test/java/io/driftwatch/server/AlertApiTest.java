package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.engine.alerts.OutboundPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert routes over the in-memory alert store. */
class AlertApiTest {
    @TempDir
    Path dir;
    private ApiFixture fx;

    @BeforeEach
    void start() {
        fx = new ApiFixture(dir);
        fx.http.post("/projects", "{\"name\":\"p\"}");
    }

    @AfterEach
    void stop() {
        fx.close();
        fx.backend.alerts().close();
    }

    private Http.Response put(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + fx.server.port() + "/api/v1" + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers());
    }

    private Http.Response event(String uid) {
        return fx.http.post("/projects/p/events/data-drift-detected", "{\"entity\": {\"kind\": \"model-endpoint-result\","
                + " \"project\": \"p\", \"ids\": [\"" + uid + ".histogram-data-drift.result.general_drift\"]},"
                + " \"value_dict\": {\"model_endpoint_id\": \"" + uid + "\", \"result_value\": 0.9}}");
    }

    @Test
    void templatesCanBePutAsTheyAreAndActivationsAreListedPerAlertAndEndpoint() throws Exception {
        JsonNode templates = fx.http.get("/alert-templates").json();
        assertThat(templates.findValuesAsText("name")).contains("data-drift-detected", "data-drift-suspected",
                "app-failed", "latency-p99", "error-rate");
        String template = fx.http.get("/alert-templates/data-drift-detected").body();
        assertThat(put("/projects/p/alerts/drift", template).status()).isEqualTo(201);
        Http.Response again = put("/projects/p/alerts/drift", template);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("state").asText()).isEqualTo("inactive");
        assertThat(fx.http.get("/alert-templates/nope").status()).isEqualTo(404);

        assertThat(event("ep1").status()).isEqualTo(202);
        assertThat(event("ep2").status()).isEqualTo(202);
        JsonNode acts = fx.http.get("/projects/p/alerts/drift/activations").json();
        assertThat(acts).hasSize(2);
        assertThat(acts.get(0).get("state").asText()).isEqualTo("resolved");
        assertThat(acts.get(0).get("summary").asText()).startsWith("Data drift detected on ep2.");
        assertThat(acts.get(0).get("events").get(0).get("kind").asText()).isEqualTo("data-drift-detected");
        JsonNode forEp1 = fx.http.get("/projects/p/alert-activations?endpoint=ep1").json();
        assertThat(forEp1).hasSize(1);
        assertThat(forEp1.get(0).get("endpoints").get(0).asText()).isEqualTo("ep1");
        String id = forEp1.get(0).get("id").asText();
        assertThat(fx.http.get("/projects/p/alert-activations/" + id).json().get("alert").asText()).isEqualTo("drift");
        assertThat(fx.http.get("/projects/p/alert-activations?bogus=1").status()).isEqualTo(400);
        assertThat(fx.http.get("/projects/p/alerts").json().findValuesAsText("name")).containsExactly("drift");
    }

    @Test
    void badConfigsAre400NamingTheFieldAndUnknownThings404() throws Exception {
        Http.Response bad = put("/projects/p/alerts/a", "{\"entities\": {\"kind\": \"model-endpoint-result\","
                + " \"ids\": [\"*\"]}, \"trigger\": {\"events\": [\"data-drift-detected\"]},"
                + " \"criteria\": {\"count\": 0}, \"notifications\": [{\"kind\": \"console\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).startsWith("field 'criteria.count'");
        Http.Response badName = put("/projects/p/alerts/bad_name", "{}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.errorMessage()).startsWith("field 'name'");
        assertThat(put("/projects/p/alerts/a", "[1]").status()).isEqualTo(400);
        assertThat(put("/projects/nope/alerts/a", "{}").status()).isEqualTo(404);
        assertThat(fx.http.get("/projects/p/alerts/none").status()).isEqualTo(404);
        assertThat(fx.http.post("/projects/p/alerts/none/reset", "").status()).isEqualTo(404);
        assertThat(fx.http.delete("/projects/p/alerts/none").status()).isEqualTo(404);
        assertThat(fx.http.post("/projects/p/events/made-up", "{}").status()).isEqualTo(400);
    }

    @Test
    void secretsAreMaskedAndManualAlertsStayActiveUntilReset() throws Exception {
        String config = "{\"severity\": \"high\", \"reset_policy\": \"manual\","
                + " \"entities\": {\"kind\": \"model-endpoint-result\", \"ids\": [\"ep1\"]},"
                + " \"trigger\": {\"events\": [\"data-drift-detected\"]},"
                + " \"notifications\": [{\"kind\": \"webhook\", \"params\": {\"url\": \"http://127.0.0.1:9/hook?token=s3cret\","
                + " \"headers\": {\"Authorization\": \"Bearer s3cret\"}}},"
                + " {\"kind\": \"email\", \"params\": {\"host\": \"127.0.0.1\", \"port\": 9, \"username\": \"u\","
                + " \"password\": \"s3cret\", \"from\": \"a@example.com\", \"to\": [\"b@example.com\"]}}]}";
        Http.Response created = put("/projects/p/alerts/man", config);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("s3cret");
        Http.Response got = fx.http.get("/projects/p/alerts/man");
        assertThat(got.body()).doesNotContain("s3cret").contains("http://127.0.0.1:9/***");
        assertThat(put("/projects/p/alerts/man", got.body()).status()).isEqualTo(200);   // round trip keeps secrets
        assertThat(fx.backend.alerts().get("p", "man").orElseThrow().notifications().get(1).params())
                .containsEntry("password", "s3cret");

        event("ep1");
        event("ep1");
        assertThat(fx.http.get("/projects/p/alerts/man").json().get("state").asText()).isEqualTo("active");
        JsonNode active = fx.http.get("/projects/p/alert-activations?state=active").json();
        assertThat(active).hasSize(1);
        assertThat(active.get(0).get("ignored_events").asInt()).isEqualTo(1);
        JsonNode reset = fx.http.post("/projects/p/alerts/man/reset", "").json();
        assertThat(reset.get("state").asText()).isEqualTo("inactive");
        assertThat(reset.get("reset_activations").get(0).asText()).isEqualTo(active.get(0).get("id").asText());
        assertThat(fx.http.get("/projects/p/alert-activations?state=active").json()).isEmpty();
        assertThat(fx.http.delete("/projects/p/alerts/man").status()).isEqualTo(204);
        assertThat(fx.http.get("/projects/p/alerts/man").status()).isEqualTo(404);
        assertThat(fx.http.get("/projects/p/alert-activations").json()).hasSize(1);   // history stays
    }

    private static String webhookAlert(String url, String headers) {
        return "{\"entities\": {\"kind\": \"model-endpoint-result\", \"ids\": [\"ep1\"]},"
                + " \"trigger\": {\"events\": [\"data-drift-detected\"]},"
                + " \"notifications\": [{\"kind\": \"webhook\", \"params\": {\"url\": \"" + url + "\","
                + " \"headers\": " + headers + "}}]}";
    }

    @Test
    void webhooksToInternalAddressesAre400WithoutTheAllowList() throws Exception {
        try (ApiFixture strict = new ApiFixture(dir.resolve("strict"), OutboundPolicy.STRICT)) {
            strict.http.post("/projects", "{\"name\":\"p\"}");
            for (String url : List.of("http://127.0.0.1:8080/api/v1/projects", "http://localhost:8080/x",
                    "http://169.254.169.254/latest/meta-data/")) {
                Http.Response r = strict.http.put("/projects/p/alerts/a", webhookAlert(url, "{}"));
                assertThat(r.status()).as(url).isEqualTo(400);
                assertThat(r.body()).contains("notifications[0].params.url").contains("--allow-outbound");
            }
            strict.backend.alerts().close();
        }
        assertThat(put("/projects/p/alerts/a", webhookAlert("http://127.0.0.1:9/h", "{}")).status()).isEqualTo(201);
        assertThat(put("/projects/p/alerts/b", webhookAlert("http://169.254.169.254/latest", "{}")).status())
                .isEqualTo(400);
    }

    @Test
    void changingOnlyTheUrlOfAReadBackAlertIs400AndSendsNothingThere() throws Exception {
        BlockingQueue<String> hits = new LinkedBlockingQueue<>();
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", ex -> {
            hits.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        other.start();
        try {
            assertThat(put("/projects/p/alerts/w", webhookAlert("http://127.0.0.1:9/hook",
                    "{\"Authorization\": \"Bearer tok-q9\"}")).status()).isEqualTo(201);
            String back = fx.http.get("/projects/p/alerts/w").body();
            assertThat(back).doesNotContain("tok-q9");
            String moved = back.replace("http://127.0.0.1:9/***", "http://127.0.0.1:" + other.getAddress().getPort()
                    + "/steal");
            Http.Response r = put("/projects/p/alerts/w", moved);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("re-enter the secret for the new destination")
                    .contains("notifications[0].params.headers.Authorization");
            event("ep1");
            Thread.sleep(300);
            assertThat(hits).isEmpty();
            assertThat(put("/projects/p/alerts/w", back).status()).isEqualTo(200);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aDisabledAlertFiresNothingUntilEnabledAndAReadBackPutKeepsItsState() throws Exception {
        assertThat(put("/projects/p/alerts/d", fx.http.get("/alert-templates/data-drift-detected").body()).status())
                .isEqualTo(201);
        assertThat(fx.http.get("/projects/p/alerts/d").json().path("enabled").asBoolean()).isTrue();
        JsonNode off = fx.http.post("/projects/p/alerts/d/disable", "").json();
        assertThat(off.path("enabled").asBoolean(true)).isFalse();
        event("ep1");
        assertThat(fx.http.get("/projects/p/alerts/d/activations").json()).isEmpty();

        String back = fx.http.get("/projects/p/alerts/d").body();
        assertThat(put("/projects/p/alerts/d", back).status()).isEqualTo(200);
        assertThat(fx.http.get("/projects/p/alerts").json().get(0).path("enabled").asBoolean(true)).isFalse();
        event("ep1");
        assertThat(fx.http.get("/projects/p/alerts/d/activations").json()).isEmpty();

        assertThat(fx.http.post("/projects/p/alerts/d/enable", "").json().path("enabled").asBoolean()).isTrue();
        event("ep1");
        assertThat(fx.http.get("/projects/p/alerts/d/activations").json()).hasSize(1);
        assertThat(fx.http.post("/projects/p/alerts/none/enable", "").status()).isEqualTo(404);
        Http.Response bad = put("/projects/p/alerts/d", back.replace("\"enabled\":false", "\"enabled\":\"no\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("field 'enabled'");
    }
}
