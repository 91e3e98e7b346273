package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLRun's tutorial flow over HTTP only: log the iris model with its training set, enable monitoring, send a
 * drifted window (150 × [0.5, 0.5, 0.5, 0.5]) and a window of the training rows, run the controller, and check
 * general_drift per window and the per-feature TVD/Hellinger/KLD against a computation from the CSV with plain
 * arithmetic (not the stats classes).
 */
class IrisTutorialIT {
    private static final String P = "iris";
    private static final String MODEL = "iris-model";
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private List<double[]> iris;
    private final Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    private final String uid = EndpointId.of(P, P + "/serving", MODEL, null);
    private int requestId;

    @BeforeEach
    void start() throws Exception {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(100, Duration.ofMillis(300)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        iris = Files.readAllLines(csv()).stream().skip(1).map(l -> Arrays.stream(l.split(","))
                .mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Path csv() {
        Path p = Path.of("examples/iris/iris.csv");
        return Files.exists(p) ? p : Path.of("../examples/iris/iris.csv");
    }

    @Test
    void driftedWindowIsDetectedAndTrainingWindowIsNot() {
        client.createProject(P);
        JsonNode model = client.logModel(P, MODEL, null, "sklearn", "label", null, csv());
        assertThat(model.path("feature_names").toString()).isEqualTo("[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]");
        assertThat(model.path("feature_stats").path("sepal_length").path("count").asDouble()).isEqualTo(150.0);
        client.enableMonitoring(P, "1m", true);

        List<double[]> drifted = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            drifted.add(new double[] {0.5, 0.5, 0.5, 0.5, 0});
        }
        sendWindow(drifted, t0, t0.plusSeconds(130));
        client.runController(P);
        JsonNode first = client.endpoint(P, uid, true);
        assertFeatures(first.path("features"), drifted);

        sendWindow(iris, t0.plusSeconds(60), t0.plusSeconds(200));
        client.runController(P);
        JsonNode second = client.endpoint(P, uid, true);
        assertFeatures(second.path("features"), iris);

        JsonNode values = client.metricsValues(P, uid, List.of(P + ".histogram-data-drift.result.general_drift"), null, null)
                .get(0).path("values");
        assertThat(values).hasSize(2);
        assertThat(values.get(0).get(0).asText()).isEqualTo(t0.plusSeconds(60).toString());
        assertThat(values.get(0).get(1).asDouble()).isCloseTo(generalDrift(drifted), within(1e-9));
        assertThat(values.get(0).get(2).asInt()).isEqualTo(2);
        assertThat(values.get(1).get(0).asText()).isEqualTo(t0.plusSeconds(120).toString());
        assertThat(values.get(1).get(1).asDouble()).isCloseTo(generalDrift(iris), within(1e-7));
        assertThat(values.get(1).get(2).asInt()).isZero();
        assertThat(second.path("status").path("drift_status").asText()).isEqualTo("0");
        JsonNode artifacts = client.get("/projects/" + P + "/model-endpoints/" + uid + "/artifacts");
        assertThat(artifacts.findValuesAsText("app")).contains("histogram-data-drift");
        String table = artifacts.findValuesAsText("name").stream().filter(n -> n.contains("drift_table")).findFirst()
                .orElseThrow();
        var html = new Http(server.port()).get("/projects/" + P + "/model-endpoints/" + uid
                + "/artifacts/histogram-data-drift/" + table);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).contains("html");
        assertThat(html.body()).contains("sepal_length");
        assertThat(client.metrics(P, uid, "all").findValuesAsText("full_name"))
                .contains(P + ".histogram-data-drift.metric.tvd_mean");
        // both windows start at the first request (t0, on whole seconds, not on the minute grid in general) and were
        // answered from the window summaries, without reading rows (issue 17)
        String metrics = new Http(server.port()).getAbsolute("/metrics").body();
        assertThat(counter(metrics, "summary")).as("windows from summaries").isEqualTo(2.0);
        assertThat(counter(metrics, "summary_and_rows") + counter(metrics, "rows")).as("windows from rows").isZero();
    }

    /** {@code driftwatch_controller_windows_total{project="iris", source=…}} in the Prometheus text. */
    private static double counter(String metrics, String source) {
        return metrics.lines().filter(l -> l.startsWith("driftwatch_controller_windows_total{")
                        && l.contains("project=\"" + P + "\"") && l.contains("source=\"" + source + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no windows counter of source " + source + " in /metrics: "
                        + metrics.lines().filter(l -> l.contains("controller")).toList()));
    }

    /** Sends one event per row 100 ms apart from {@code start}, waits until they are in Parquet, then sends one
     * more event at {@code closeAt} whose last_request closes the window. */
    private void sendWindow(List<double[]> rows, Instant start, Instant closeAt) {
        int before = dataRows();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            events.add(event(rows.get(i), start.plusMillis(100L * i)));
        }
        assertThat(client.ingest(P, events).path("accepted").asInt()).isEqualTo(rows.size());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> dataRows() == before + rows.size());
        client.ingest(P, List.of(event(iris.getFirst(), closeAt)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> closeAt.toString().equals(client.endpoint(P, uid, false).path("status").path("last_request").asText())
                && dataRows() == before + rows.size() + 1);
    }

    private ObjectNode event(double[] row, Instant when) {
        String id = "r" + requestId++;
        ObjectNode e = Json.object();
        e.put("class", "SKLearnModel").put("worker", "0").put("model", MODEL).put("host", "test")
                .put("function_uri", P + "/serving").put("op", "infer").put("when", when.toString()).put("microsec", 1500);
        var inputs = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (int i = 0; i < 4; i++) {
            inputs.add(row[i]);
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).put("timestamp", when.toString())
                .putArray("outputs").add((int) row[4]);
        return e;
    }

    private int dataRows() {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/api/v1/projects/" + P
                            + "/model-endpoints/" + uid + "/data?format=csv")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (int) r.body().lines().count() - 1 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void assertFeatures(JsonNode features, List<double[]> window) {
        assertThat(features.findValuesAsText("name")).containsExactlyElementsOf(FEATURES);
        for (int f = 0; f < FEATURES.size(); f++) {
            double[] expected = PlainDrift.measures(column(iris, f), column(window, f));
            JsonNode got = features.get(f);
            assertThat(got.path("tvd").asDouble()).as(FEATURES.get(f) + " tvd").isCloseTo(expected[0], within(1e-9));
            assertThat(got.path("hellinger").asDouble()).as(FEATURES.get(f) + " hellinger").isCloseTo(expected[1], within(1e-7));
            assertThat(got.path("kld").asDouble()).as(FEATURES.get(f) + " kld").isCloseTo(expected[2], within(1e-9));
            assertThat(got.path("expected").path("mean").asDouble()).isCloseTo(mean(column(iris, f)), within(1e-12));
        }
    }

    /** (tvd_mean + hellinger_mean) / 2 over the four features and the label. */
    private double generalDrift(List<double[]> window) {
        double tvd = 0;
        double hel = 0;
        for (int f = 0; f < 5; f++) {
            double[] m = PlainDrift.measures(column(iris, f), column(window, f));
            tvd += m[0];
            hel += m[1];
        }
        return (tvd / 5 + hel / 5) / 2;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }
}
