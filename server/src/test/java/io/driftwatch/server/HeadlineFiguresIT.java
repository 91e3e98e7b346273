package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 pt 2, the "3.785 ms vs 2.61 ms" complaint: with a busy slow endpoint and an idle fast one (where the mean
 * of the endpoints' means and the mean over rows differ), the project's headline figures are the same in the web UI
 * ({@code /ui/overview}), the Grafana datasource ({@code project_summary}) and {@code /metrics} (the counters the
 * Prometheus dashboard divides), and equal what the events sent make by the definition of docs/observability.md.
 */
class HeadlineFiguresIT {
    private static final String P = "headline";
    private static final int BUSY_EVENTS = 60;
    private static final int BUSY_ROWS = 5;
    private static final long BUSY_US = 4000;
    private static final int IDLE_EVENTS = 10;
    private static final long IDLE_US = 1000;
    private static final int ERRORS = 3;

    @TempDir
    Path dir;

    @Test
    void theUiTheGrafanaDatasourceAndMetricsGiveTheSameRowWeightedLatency() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(50, Duration.ofMillis(200)))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            fill(client);
            long rows = (long) BUSY_EVENTS * BUSY_ROWS + IDLE_EVENTS;
            double expected = (BUSY_EVENTS * BUSY_ROWS * BUSY_US + IDLE_EVENTS * IDLE_US) / (double) rows;
            double unweighted = (BUSY_US + IDLE_US) / 2.0;
            JsonNode ui = client.get("/projects/" + P + "/ui/overview");
            Http http = new Http(server.port());
            JsonNode grafana = projectSummary(http);
            String scrape = http.getAbsolute("/metrics").body();
            double metrics = 1e6 * sum(scrape, "driftwatch_prediction_latency_row_seconds_total") / sum(scrape, "driftwatch_predictions_total");

            assertThat(expected).isNotCloseTo(unweighted, within(100.0));
            assertThat(ui.path("latency_avg_1h").asDouble()).isCloseTo(expected, within(1e-6));
            assertThat(grafana.path("latency_avg_1h").asDouble()).isEqualTo(ui.path("latency_avg_1h").asDouble());
            assertThat(metrics).isCloseTo(expected, within(1e-6));
            assertThat(ui.path("predictions_per_second").asDouble()).isCloseTo(rows / 300.0, within(1e-9))
                    .isEqualTo(grafana.path("predictions_per_second").asDouble());
            assertThat(ui.path("total_errors").asLong()).isEqualTo(ERRORS).isEqualTo(grafana.path("error_count").asLong())
                    .isEqualTo(Math.round(sum(scrape, "driftwatch_prediction_errors_total")));
        }
    }

    private static void fill(DriftwatchClient client) {
        client.createProject(P);
        // every event inside the last 5 minutes (the predictions/s figure) with minutes to spare on a slow machine
        Instant t0 = Instant.now().minus(Duration.ofSeconds(70)).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < BUSY_EVENTS; i++) {
            events.add(event("busy", t0.plusSeconds(i), BUSY_ROWS, BUSY_US));
        }
        for (int i = 0; i < IDLE_EVENTS; i++) {
            events.add(event("idle", t0.plusSeconds(i), 1, IDLE_US));
        }
        for (int i = 0; i < ERRORS; i++) {
            ObjectNode e = base("idle", t0.plusSeconds(i)).put("error", "model crashed " + i);
            e.putObject("request").put("id", "e" + i).putArray("inputs").addArray().add(1).add(2);
            events.add(e);
        }
        client.ingest(P, events);
        String busy = EndpointId.of(P, P + "/busy", "m", null);
        String idle = EndpointId.of(P, P + "/idle", "m", null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                count(client, busy) == BUSY_EVENTS * BUSY_ROWS && count(client, idle) == IDLE_EVENTS
                        && client.endpoint(P, idle, false).path("status").path("error_count").asInt() == ERRORS);
    }

    private static int count(DriftwatchClient client, String uid) {
        try {
            return client.endpoint(P, uid, false).path("status").path("metrics").path("generic").path("predictions_count_1h").asInt();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static ObjectNode base(String fn, Instant when) {
        return Json.object().put("class", "SKLearnModel").put("model", "m").put("function_uri", P + "/" + fn)
                .put("when", when.toString());
    }

    private static ObjectNode event(String fn, Instant when, int rows, long micros) {
        ObjectNode e = base(fn, when).put("microsec", micros);
        String id = fn + when.getEpochSecond();
        var inputs = e.putObject("request").put("id", id).putArray("inputs");
        var outputs = e.putObject("resp").put("id", id).putArray("outputs");
        for (int r = 0; r < rows; r++) {
            inputs.addArray().add(r).add(2.0);
            outputs.add(r % 2);
        }
        return e;
    }

    /** The datasource's project_summary row as an object by column name. */
    private static JsonNode projectSummary(Http http) {
        String body = "{\"targets\": [{\"target\": \"target_endpoint=project_summary;project=" + P + "\", \"type\": \"table\"}]}";
        Http.Response r = http.post("/grafana-proxy/model-endpoints/query", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode table = r.json().get(0);
        ObjectNode row = Json.object();
        for (int i = 0; i < table.path("columns").size(); i++) {
            row.set(table.path("columns").get(i).path("text").asText(), table.path("rows").get(0).get(i));
        }
        return row;
    }

    /** Σ of a metric's samples of this project in the Prometheus text. */
    private static double sum(String scrape, String metric) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{") && l.contains("project=\"" + P + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
