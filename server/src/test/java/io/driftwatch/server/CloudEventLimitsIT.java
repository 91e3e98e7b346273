package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.ingest.CloudEventRoutes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 8: a flood of unpaired KServe CloudEvent halves (requests whose responses never come) stays within the
 * configured count and byte caps, the oldest halves are evicted first and counted in {@code /metrics}, and a single
 * half over the byte cap is refused with 413.
 */
class CloudEventLimitsIT {
    private static final String P = "ce-limits";
    private static final int MAX_HALVES = 40;
    private static final long MAX_BYTES = 20_000;
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        System.setProperty("driftwatch.cloudevents.max-halves", Integer.toString(MAX_HALVES));
        System.setProperty("driftwatch.cloudevents.max-bytes", Long.toString(MAX_BYTES));
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data")));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        client.createProject(P);
    }

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty("driftwatch.cloudevents.max-halves");
        System.clearProperty("driftwatch.cloudevents.max-bytes");
    }

    @Test
    void unpairedHalvesStayUnderTheCapsAndEvictionsAreCounted() throws Exception {
        String small = body(200);
        for (int i = 0; i < 3 * MAX_HALVES; i++) {
            assertThat(post("small-" + i, small).statusCode()).isEqualTo(202);
            assertThat(pending()).isLessThanOrEqualTo(MAX_HALVES);
        }
        assertThat(metric("driftwatch_cloudevents_unpaired_evicted_total\\{reason=\"count\"}"))
                .isEqualTo(2 * MAX_HALVES);
        String big = body(6_000);
        for (int i = 0; i < 10; i++) {
            assertThat(post("big-" + i, big).statusCode()).isEqualTo(202);
            assertThat(metric("driftwatch_cloudevents_unpaired_bytes")).isLessThanOrEqualTo(MAX_BYTES);
            assertThat(metric("driftwatch_cloudevents_unpaired_halves")).isLessThanOrEqualTo(MAX_HALVES);
        }
        assertThat(metric("driftwatch_cloudevents_unpaired_evicted_total\\{reason=\"bytes\"}")).isPositive();
        // the oldest went first: the newest big halves still wait and pair
        HttpResponse<String> pair = post("big-9", "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"o\","
                + "\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}", CloudEventRoutes.RESPONSE);
        assertThat(pair.body()).contains("\"paired\":true");
        HttpResponse<String> tooBig = post("huge", body((int) MAX_BYTES + 100));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("CloudEvent body");
    }

    private static String body(int size) {
        StringBuilder data = new StringBuilder("1");
        while (data.length() < size - 120) {
            data.append(",1");
        }
        return "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[" + data + "]}]}";
    }

    private HttpResponse<String> post(String id, String body) throws Exception {
        return post(id, body, CloudEventRoutes.REQUEST);
    }

    private HttpResponse<String> post(String id, String body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/projects/" + P
                        + "/model-monitoring/cloudevents"))
                .header("Content-Type", "application/json").header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", type).header("ce-source", "http://localhost:9081/")
                .header("ce-inferenceservicename", "isvc")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long pending() {
        JsonNode stats = client.get("/projects/" + P + "/model-monitoring/cloudevents/stats");
        return stats.path("pending").asLong();
    }

    private long metric(String series) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+]+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
