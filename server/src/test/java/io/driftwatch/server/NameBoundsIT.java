package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 8: a 1 MiB model name is refused at ingest, endpoint creation and log_model (names have at most 253
 * characters), so a {@code /metrics} scrape stays small; webhook header values with CR/LF are refused.
 */
class NameBoundsIT {
    private static final String HUGE = "m".repeat(1 << 20);
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private Http http;

    @BeforeEach
    void start() {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(10, Duration.ofMillis(100)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        client.createProject("p1");
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String event(String model) {
        return "{\"model\":\"" + model + "\",\"function_uri\":\"p1/fn\",\"when\":\"2026-01-01T00:00:00Z\","
                + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    }

    @Test
    void aHugeModelNameIsRefusedEverywhereAndMetricsStaySmall() throws Exception {
        Http.Response ingest = http.post("/projects/p1/model-monitoring/stream", event(HUGE));
        assertThat(ingest.status()).isEqualTo(400);
        assertThat(ingest.errorMessage()).contains("'model'").contains("253").hasSizeLessThan(500);
        Http.Response endpoint = http.post("/projects/p1/model-endpoints",
                "{\"spec\":{\"function_uri\":\"p1/fn\",\"model\":\"" + HUGE + "\"}}");
        assertThat(endpoint.status()).isEqualTo(400);
        assertThat(endpoint.errorMessage()).contains("spec.model").hasSizeLessThan(500);
        Path csv = Files.writeString(dir.resolve("t.csv"), "x,y\n1,0\n2,1\n");
        try {
            client.logModel("p1", HUGE, null, null, null, null, csv);
            throw new AssertionError("a 1 MiB model name was accepted by log_model");
        } catch (DriftwatchException e) {
            assertThat(e.getMessage()).contains("400");
        }
        assertThat(http.post("/projects/p1/model-monitoring/stream", event("ok")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> scrape().contains("model=\"ok\""));
        assertThat(scrape().length()).isLessThan(1_000_000);
    }

    @Test
    void webhookHeaderValuesWithCrLfAre400() {
        String alert = "{\"severity\": \"high\", \"entities\": {\"kind\": \"model-endpoint-result\", \"ids\": [\"*\"]},"
                + " \"trigger\": {\"events\": [\"data-drift-detected\"]},"
                + " \"notifications\": [{\"kind\": \"webhook\", \"params\": {\"url\": \"https://example.com/hook\","
                + " \"headers\": {\"X-Token\": \"a\\r\\nX-Injected: 1\"}}}]}";
        Http.Response r = http.put("/projects/p1/alerts/crlf", alert);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("X-Token").contains("CR");
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
