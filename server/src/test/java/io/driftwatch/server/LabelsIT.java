package io.driftwatch.server;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth over HTTP (issue 20): an iris classifier's predictions with request ids in two 1-minute windows;
 * labels for window 1 (some wrong, some missing, one batch request by row, unknown ids) before the first run give its
 * accuracy = correct / labelled and label_coverage = labelled / rows; labels for window 2 after it was analysed, and
 * one replaced label of window 1, put both windows back (backfill): the next run replaces their values, the history
 * keeps the first ones; the model-performance-detected alert template fires; bad bodies are 400s naming the problem.
 */
class LabelsIT {
    private static final String MODEL = "iris-model";
    private static final String PROJECT = "labels";
    private static final String APP = "model-performance";
    private static List<double[]> iris;
    @TempDir
    Path dir;

    @BeforeAll
    static void readIris() throws Exception {
        iris = Files.readAllLines(IrisTutorialIT.csv()).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @Test
    void labelsGiveAccuracyCoverageAndBackfill() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withFlush(50, Duration.ofMillis(200)))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            String uid = setUp(client, t0);
            client.put("/projects/" + PROJECT + "/alerts/perf-drop",
                    client.get("/alert-templates/model-performance-detected"));

            // window 1: 98 single rows a0..a97 + one batch request of 2 rows; labels for 80 of its 100 rows
            List<ObjectNode> labels = new ArrayList<>();
            for (int i = 0; i < 78; i++) {
                int y = (int) iris.get(i)[4];
                labels.add(label("a" + i, null, i < 18 ? (y + 1) % 3 : y)); // 18 wrong
            }
            labels.add(label("batch", 0, (int) iris.get(98)[4])); // right
            labels.add(label("batch", 1, ((int) iris.get(99)[4] + 1) % 3)); // wrong
            labels.add(label("batch", 2, 0)); // no third row: unmatched
            labels.add(label("nope-1", null, 1));
            labels.add(label("nope-2", 0, 2));
            JsonNode answer = client.sendLabels(PROJECT, uid, labels);
            assertThat(answer.path("accepted").asInt()).isEqualTo(80);
            assertThat(answer.path("unmatched").asInt()).isEqualTo(3);
            assertThat(answer.path("unmatched_request_ids")).extracting(JsonNode::asText)
                    .containsExactly("batch", "nope-1", "nope-2");
            assertThat(answer.path("label_delay").asText()).isEqualTo("PT168H");

            awaitApplied(server.port(), answer.path("offset").asLong());
            assertThat(client.runController(PROJECT)).isBetween(0, 2);
            JsonNode acc = series(client, uid, "result.accuracy");
            assertThat(acc.path("values")).as("window 2 has no label: no accuracy").hasSize(1);
            assertThat(acc.path("values").get(0).get(1).asDouble()).isCloseTo(61.0 / 80, within(1e-12));
            JsonNode coverage = series(client, uid, "metric.label_coverage").path("values");
            assertThat(coverage).hasSize(2);
            assertThat(coverage.get(0).get(1).asDouble()).isCloseTo(0.8, within(1e-12));
            assertThat(coverage.get(1).get(1).asDouble()).isZero();

            // a day later (by event time nothing changes): window 2's 50 labels (10 wrong), one window-1 label fixed
            List<ObjectNode> late = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int y = (int) iris.get(100 + i)[4];
                late.add(label("b" + i, 0, i < 10 ? (y + 1) % 3 : y));
            }
            late.add(label("a0", 0, (int) iris.get(0)[4])); // replaces a wrong label: 62 right of 80
            JsonNode lateAnswer = client.sendLabels(PROJECT, uid, late);
            assertThat(lateAnswer.path("accepted").asInt()).isEqualTo(51);
            awaitApplied(server.port(), lateAnswer.path("offset").asLong());
            // the scheduler may have analysed them first
            assertThat(client.runController(PROJECT)).as("both windows analysed again").isBetween(0, 2);
            JsonNode after = series(client, uid, "result.accuracy");
            assertThat(after.path("values")).hasSize(2);
            assertThat(after.path("values").get(0).get(1).asDouble()).isCloseTo(62.0 / 80, within(1e-12));
            assertThat(after.path("values").get(1).get(1).asDouble()).isCloseTo(40.0 / 50, within(1e-12));
            List<Double> history = new ArrayList<>();
            after.path("history").forEach(h -> history.add(h.get(2).asDouble()));
            assertThat(history).as("the first window-1 value kept in the history, before its replacement")
                    .containsSubsequence(61.0 / 80, 62.0 / 80, 40.0 / 50);
            JsonNode coverageAfter = series(client, uid, "metric.label_coverage").path("values");
            assertThat(coverageAfter.get(1).get(1).asDouble()).isEqualTo(1.0);
            assertThat(client.runController(PROJECT)).as("backfilled once only").isZero();

            HttpResponse<String> bad = post(server.port(), "/projects/" + PROJECT + "/model-endpoints/" + uid
                    + "/labels", "[{\"request_id\": \"a1\", \"label\": {\"x\": 1}}]", "application/json");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("label 0: 'label' must be a number, a string or a boolean, not OBJECT");
            HttpResponse<String> nd = post(server.port(), "/projects/" + PROJECT + "/model-endpoints/" + uid
                    + "/labels", "{\"request_id\": \"zz\", \"label\": 1}\n", "application/x-ndjson");
            assertThat(nd.statusCode()).isEqualTo(202);
            assertThat(nd.body()).contains("\"unmatched\":1");
            assertThat(post(server.port(), "/projects/" + PROJECT + "/model-endpoints/nope/labels", "[]",
                    "application/json").statusCode()).isEqualTo(404);
            JsonNode fired = client.get("/projects/" + PROJECT + "/alert-activations?alert=perf-drop");
            assertThat(fired.size()).as("accuracy 0.76-0.8 against the reference 0.9: >= 10 %% drop, detected")
                    .isPositive();
            String metrics = scrape(server.port());
            assertThat(metrics).contains("driftwatch_labels_accepted_total 131.0")
                    .contains("driftwatch_labels_unmatched_total 4.0");
        }
    }

    /** Project, model, monitoring (1-minute windows, reanalyze_late), the app and the predictions; the uid. */
    private static String setUp(DriftwatchClient client, Instant t0) throws Exception {
        client.createProject(PROJECT);
        client.logModel(PROJECT, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
        client.post("/projects/" + PROJECT + "/model-monitoring/enable-model-monitoring"
                + "?base_period=1m&reanalyze_late=true&deploy_histogram_data_drift_app=false", null);
        client.registerApp(PROJECT, APP, null, null, Map.of("min_rows", "10", "reference_accuracy", "0.9"));
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 98; i++) {
            events.add(event(List.of(iris.get(i)), t0.plusMillis(500L * i), "a" + i));
        }
        events.add(event(List.of(iris.get(98), iris.get(99)), t0.plusSeconds(55), "batch"));
        for (int i = 0; i < 50; i++) {
            events.add(event(List.of(iris.get(100 + i)), t0.plusSeconds(60).plusMillis(1000L * i), "b" + i));
        }
        Instant closeAt = t0.plusSeconds(200);
        events.add(event(List.of(iris.getFirst()), closeAt, "close"));
        client.ingest(PROJECT, events);
        String uid = EndpointId.of(PROJECT, PROJECT + "/serving", MODEL, null);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> closeAt.toString()
                .equals(status(client, uid).path("last_request").asText()));
        return uid;
    }

    private static ObjectNode label(String requestId, Integer row, Object value) {
        ObjectNode l = Json.object().put("request_id", requestId);
        if (row != null) {
            l.put("row", row);
        }
        return l.put("label", (Integer) value);
    }

    private static JsonNode series(DriftwatchClient client, String uid, String name) {
        return client.get("/projects/" + PROJECT + "/model-endpoints/" + uid + "/metrics-values?name=" + PROJECT + "."
                + APP + "." + name + "&history=true").get(0);
    }

    /** Waits until the stream processor applied the record at {@code offset} (labels are applied asynchronously). */
    private static void awaitApplied(int port, long offset) {
        String gauge = "driftwatch_processor_applied_offset ";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> scrape(port).lines()
                .filter(l -> l.startsWith(gauge)).mapToDouble(l -> Double.parseDouble(l.substring(gauge.length())))
                .anyMatch(v -> v > offset));
    }

    private static HttpResponse<String> post(int port, String path, String body, String type) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1" + path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode status(DriftwatchClient client, String uid) {
        try {
            return client.endpoint(PROJECT, uid, false).path("status");
        } catch (RuntimeException e) { // not created yet
            return Json.object();
        }
    }

    private static ObjectNode event(List<double[]> rows, Instant when, String id) {
        ObjectNode e = Json.object();
        e.put("model", MODEL).put("function_uri", PROJECT + "/serving").put("when", when.toString())
                .put("microsec", 900);
        ArrayNode inputs = e.putObject("request").put("id", id).putArray("inputs");
        ArrayNode outputs = e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs");
        for (double[] row : rows) {
            ArrayNode in = inputs.addArray();
            for (int i = 0; i < 4; i++) {
                in.add(row[i]);
            }
            outputs.add((int) row[4]);
        }
        return e;
    }
}
