package io.driftwatch.server;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import java.io.IOException;
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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLRun's documented flows over HTTP (issue 15): the tutorial's invoke loop with the list-of-rows body; the
 * built-in {@code drift-tests} app registered by name and equal to SciPy (fixtures of
 * {@code engine/src/test/python/gen_drift_tests_app.py}); a 5-row window is {@code irrelevant} with its reason and
 * fires no alert, while a drifted 150-row window does.
 */
class MlrunFlowsIT {
    private static final String P = "flows";
    private static final String MODEL = "drift-model";
    private static final List<String> FEATURES = List.of("x_norm", "x_unif", "x_stable");
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private final Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    private int requestId;

    @BeforeEach
    void start() {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(100, Duration.ofMillis(200)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Path example(String name) {
        Path p = Path.of("examples/iris/" + name);
        return Files.exists(p) ? p : Path.of("../examples/iris/" + name);
    }

    @Test
    void theTutorialLoopRunsUnchangedOverPlainHttp() throws Exception {
        client.createProject(P);
        client.logModel(P, "iris", null, "onnx", "label", example("iris_rf.onnx"), example("iris.csv"));
        client.createServingFunction(P, "serving", null);
        client.addServingModel(P, "serving", "iris", null, null);
        client.setTracking(P, "serving", true, 1.0);
        client.deployServingFunction(P, "serving");
        String url = "http://localhost:" + server.port() + "/serving/" + P + "/serving/v2/models/iris/infer";
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 150; i++) {
            HttpResponse<String> r = post(http, url, "{\"inputs\": [[0.5, 0.5, 0.5, 0.5]]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        List<String> iris = Files.readAllLines(example("iris.csv")).stream().skip(1).toList();
        Random rnd = new Random(7);
        JsonNode last = null;
        for (int i = 0; i < 150; i++) {
            String row = iris.get(rnd.nextInt(iris.size()));
            String body = "{\"id\": \"row-" + i + "\", \"inputs\": [[" + row.substring(0, row.lastIndexOf(',')) + "]]}";
            last = new ObjectMapper().readTree(post(http, url, body).body());
        }
        assertThat(last.path("id").asText()).isEqualTo("row-149");
        assertThat(last.path("model_name").asText()).isEqualTo("iris");
        assertThat(last.path("outputs")).hasSize(1);
        assertThat(last.has("timestamp")).isTrue();
        String uid = EndpointId.of(P, P + "/serving", "iris", null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> dataRows(uid) == 300);
        JsonNode ep = client.endpoint(P, uid, false);
        assertThat(ep.path("status").path("metrics").path("generic").path("predictions_count_5m").asInt()).isEqualTo(300);
        assertThat(ep.path("status").path("error_count").asInt()).isZero();
        assertThat(client.get("/serving/tracker").path("delivered").asLong()).isEqualTo(300);
    }

    @Test
    void driftTestsEqualScipyAndAFiveRowWindowIsIrrelevantWithoutAlert() throws IOException {
        JsonNode f = fixture();
        client.createProject(P);
        Path csv = dir.resolve("train.csv");
        Files.writeString(csv, trainingCsv(f));
        client.logModel(P, MODEL, null, "sklearn", null, null, csv);
        client.enableMonitoring(P, "1m", true);
        ObjectNode byName = Json.object().put("name", "drift-tests");
        assertThat(client.post("/projects/" + P + "/model-monitoring/functions", byName).path("class_name").asText())
                .isEqualTo("io.driftwatch.engine.apps.DriftTestsApp");
        String template = client.get("/alert-templates/data-drift-detected").toString();
        assertThat(client.put("/projects/" + P + "/alerts/drift", new ObjectMapper().readTree(template))
                .path("name").asText()).isEqualTo("drift");
        String uid = EndpointId.of(P, P + "/serving", MODEL, null);

        List<double[]> five = rows(f, 5);
        sendWindow(uid, five, t0, t0.plusSeconds(130));
        client.runController(P);
        for (String name : List.of("histogram-data-drift.result.general_drift",
                "drift-tests.result.drifted_features_share")) {
            JsonNode v = values(uid, name).get(0);
            assertThat(v.get(2).asInt()).as(name).isEqualTo(-1);
            assertThat(v.get(3).path("reason").asText()).isEqualTo("too few rows: 5 < 100");
            assertThat(v.get(3).path("rows").asInt()).isEqualTo(5);
        }
        assertThat(client.get("/projects/" + P + "/alerts/drift/activations")).isEmpty();
        JsonNode ui = client.get("/projects/" + P + "/ui/app-results?start=now-1d");
        assertThat(ui.findValuesAsText("reason")).contains("too few rows: 5 < 100");

        sendWindow(uid, rows(f, 150), t0.plusSeconds(60), t0.plusSeconds(200));
        client.runController(P);
        for (String feature : FEATURES) {
            JsonNode series = values(uid, "drift-tests.result." + feature);
            assertThat(series).as("the 5-row window has no per-feature verdict").hasSize(1);
            JsonNode v = series.get(0);
            JsonNode want = f.path("features").path(feature);
            assertThat(v.get(1).asDouble()).as(feature).isCloseTo(want.path("share").asDouble(), within(1e-9));
            assertThat(v.get(2).asInt()).as(feature).isEqualTo(want.path("status").asInt());
            assertThat(v.get(3).path("rows").asInt()).isEqualTo(150);
            want.path("tests").properties().forEach(t -> {
                JsonNode got = v.get(3).path("tests").path(t.getKey());
                assertThat(got.path("statistic").asDouble()).as(feature + " " + t.getKey())
                        .isCloseTo(t.getValue().path("statistic").asDouble(), within(1e-9));
                if (t.getValue().has("p_value")) {
                    assertThat(got.path("p_value").asDouble()).as(feature + " " + t.getKey() + " p")
                            .isCloseTo(t.getValue().path("p_value").asDouble(), within(1e-9));
                }
            });
        }
        JsonNode share = values(uid, "drift-tests.result.drifted_features_share").get(1);
        assertThat(share.get(1).asDouble()).isCloseTo(f.path("numeric_drifted_features_share").asDouble(), within(1e-9));
        assertThat(share.get(2).asInt()).isEqualTo(2);
        assertThat(client.get("/projects/" + P + "/alerts/drift/activations")).isNotEmpty();
    }

    private JsonNode values(String uid, String name) {
        JsonNode series = client.get("/projects/" + P + "/model-endpoints/" + uid + "/metrics-values?name=" + P + "."
                + name + "&start=" + t0.minus(Duration.ofHours(1)) + "&extra_data=true");
        return series.get(0).path("values");
    }

    static JsonNode fixture() throws IOException {
        Path p = Path.of("engine/src/test/resources/fixtures/drift-tests-app.json");
        return new ObjectMapper().readTree((Files.exists(p) ? p : Path.of("..").resolve(p)).toFile());
    }

    private static String trainingCsv(JsonNode f) {
        StringBuilder sb = new StringBuilder(String.join(",", FEATURES)).append('\n');
        int n = f.path("train").path(FEATURES.getFirst()).size();
        for (int i = 0; i < n; i++) {
            int row = i;
            sb.append(String.join(",", FEATURES.stream().map(c -> f.path("train").path(c).get(row).toString())
                    .toList())).append('\n');
        }
        return sb.toString();
    }

    private static List<double[]> rows(JsonNode f, int n) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] r = new double[FEATURES.size()];
            for (int c = 0; c < r.length; c++) {
                r[c] = f.path("window").path(FEATURES.get(c)).get(i).asDouble();
            }
            out.add(r);
        }
        return out;
    }

    /** One event per row 100 ms apart from {@code start}, then one at {@code closeAt} that closes the window. */
    private void sendWindow(String uid, List<double[]> rows, Instant start, Instant closeAt) {
        int before = dataRows(uid);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            events.add(event(rows.get(i), start.plusMillis(100L * i)));
        }
        assertThat(client.ingest(P, events).path("accepted").asInt()).isEqualTo(rows.size());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> dataRows(uid) == before + rows.size());
        client.ingest(P, List.of(event(rows.getFirst(), closeAt)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> closeAt.toString().equals(client.endpoint(P, uid, false).path("status")
                .path("last_request").asText()) && dataRows(uid) == before + rows.size() + 1);
    }

    private ObjectNode event(double[] row, Instant when) {
        String id = "r" + requestId++;
        ObjectNode e = Json.object();
        e.put("class", "SKLearnModel").put("worker", "0").put("model", MODEL).put("host", "test")
                .put("function_uri", P + "/serving").put("op", "infer").put("when", when.toString()).put("microsec", 900);
        var inputs = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (double v : row) {
            inputs.add(v);
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).put("timestamp", when.toString())
                .putArray("outputs").add(0);
        return e;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int dataRows(String uid) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    client.baseUrl() + "/projects/" + P + "/model-endpoints/" + uid + "/data?format=csv")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (int) r.body().lines().count() - 1 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
