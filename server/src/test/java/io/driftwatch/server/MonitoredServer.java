package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
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
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server filled through the pipeline for the Grafana and Prometheus tests: the iris model logged with its
 * training set, monitoring enabled (1 min windows, histogram-data-drift plus an always-failing app), events over the
 * last 9 minutes (every 10th a two-row batch, latency and a custom metric on each; the second half drifted), a few
 * model-error events, then one controller run. A third app ({@link StatusCycleApp}) gives irrelevant, no-drift and
 * potential-drift results in turn.
 */
final class MonitoredServer implements AutoCloseable {
    static final String PROJECT = "grafana-it";
    static final String MODEL = "iris-model";
    static final String FUNCTION = PROJECT + "/serving";
    static final String UID = EndpointId.of(PROJECT, FUNCTION, MODEL, null);
    static final int EVENTS = 250;
    static final int ERRORS = 4;
    /** The app giving every result status in turn ({@link StatusCycleApp}). */
    static final String STATUS_APP = "status-cycle";

    final Server server;
    final DriftwatchClient client;
    int predictionRows;
    /** Σ latency (µs) × rows over the prediction events sent: / {@link #predictionRows} is the row-weighted mean. */
    long latencyRowMicros;
    /** Windows analysed (each by both apps). */
    int windows;

    private MonitoredServer(Server server) {
        this.server = server;
        this.client = DriftwatchClient.connect("http://localhost:" + server.port());
    }

    static MonitoredServer start(Path dir) throws Exception {
        return start(dir, c -> c);
    }

    /** The same server with {@code backends} applied to its configuration (e.g. the SQL store on PostgreSQL). */
    static MonitoredServer start(Path dir, UnaryOperator<ServerConfig> backends) throws Exception {
        Server s = Server.start(backends.apply(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(50, Duration.ofMillis(200)).withGrace(Duration.ofSeconds(1))));
        MonitoredServer m = new MonitoredServer(s);
        try {
            m.fill(dir);
            return m;
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    private void fill(Path dir) throws Exception {
        client.createProject(PROJECT);
        client.logModel(PROJECT, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
        // ~33 rows per 1-minute window: below the default min_rows of 100, so the project sets its own
        client.post("/projects/" + PROJECT + "/model-monitoring/enable-model-monitoring?base_period=1m&min_rows=20", null);
        client.registerApp(PROJECT, "always-fails", FailingApp.class.getName(), null, Map.of());
        client.registerApp(PROJECT, STATUS_APP, StatusCycleApp.class.getName(), null, Map.of());
        // model performance (issue 20): probabilities p0..p2 beside the prediction, labels for the first half
        client.registerApp(PROJECT, ScoredIris.APP, null, null, ScoredIris.params(ScoredIris.writeReference(
                dir.resolve("validation.ndjson"))));
        client.post("/projects/" + PROJECT + "/model-endpoints", ScoredIris.endpoint(UID, MODEL, FUNCTION));
        List<double[]> iris = Files.readAllLines(IrisTutorialIT.csv()).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        Instant t0 = Instant.now().minus(Duration.ofMinutes(9)).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> events = new ArrayList<>();
        Instant last = t0;
        for (int i = 0; i < EVENTS; i++) {
            last = t0.plusMillis(2000L * i);
            int rows = i % 10 == 0 ? 2 : 1;
            double shift = i < EVENTS / 2 ? 0 : 2.5;
            events.add(ScoredIris.score(event(i, last, iris.subList(i % 140, i % 140 + rows), shift), i, i < EVENTS / 2));
            predictionRows += rows;
            latencyRowMicros += latency(i) * rows;
        }
        for (int i = 0; i < ERRORS; i++) {
            ObjectNode e = Json.object().put("model", MODEL).put("function_uri", FUNCTION).put("class", "SKLearnModel")
                    .put("when", t0.plusSeconds(60L * i + 1).toString()).put("error", "model crashed " + i);
            e.putObject("request").put("id", "err" + i).putArray("inputs").addArray().add(1).add(2).add(3).add(4);
            events.add(e);
        }
        assertThat(client.ingest(PROJECT, events).path("accepted").asInt()).isEqualTo(EVENTS + ERRORS);
        String lastText = last.toString();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode ep;
            try {
                ep = client.endpoint(PROJECT, UID, false);
            } catch (DriftwatchException e) {
                return false;
            }
            return lastText.equals(ep.path("status").path("last_request").asText())
                    && ep.path("status").path("error_count").asInt() == ERRORS && dataRows() == predictionRows;
        });
        client.runController(PROJECT); // the scheduler may have analysed some windows already; this waits for it
        windows = client.metricsValues(PROJECT, UID, List.of(PROJECT + ".histogram-data-drift.result.general_drift"),
                null, null).get(0).path("values").size();
        assertThat(windows).as("windows analysed by histogram-data-drift").isGreaterThanOrEqualTo(5);
    }

    /** The latency of prediction event {@code i} in µs: 1.00 … 3.49 ms. */
    static long latency(int i) {
        return 1000 + 10L * i;
    }

    private static ObjectNode event(int i, Instant when, List<double[]> rows, double shift) {
        ObjectNode e = Json.object();
        e.put("class", "SKLearnModel").put("worker", "0").put("model", MODEL).put("host", "test")
                .put("function_uri", FUNCTION).put("op", "infer").put("when", when.toString())
                .put("microsec", latency(i));
        e.putObject("metrics").put("accuracy", 0.8 + (i % 5) / 50.0);
        var inputs = e.putObject("request").put("id", "r" + i).putArray("inputs");
        var outputs = e.putObject("resp").put("id", "r" + i).put("model_name", MODEL).putArray("outputs");
        for (double[] r : rows) {
            var row = inputs.addArray();
            for (int f = 0; f < 4; f++) {
                row.add(r[f] + shift);
            }
            outputs.add((int) r[4]);
        }
        return e;
    }

    int dataRows() {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port() + "/api/v1/projects/" + PROJECT
                                    + "/model-endpoints/" + UID + "/data?format=csv")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (int) r.body().lines().count() - 1 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
