package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.ValidationSetFile;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's "done when", over HTTP with an injected clock: an iris-like classifier (nearest centroid, softmax
 * probabilities) logged with a scored validation set serves 3 one-minute windows of 50 predictions. Labels of window
 * 1 arrive at once: its realized accuracy appears. Labels of window 2 arrive a day later (the clock moves) and 40 % of
 * them disagree with the model (a concept shift the estimate cannot see): the window is analysed again without
 * {@code reanalyze_late} (backfill), its accuracy appears with coverage 100 %, the earlier coverage 0 stays in the
 * history, and the model-performance-detected alert on the accuracy fires exactly once. Window 3 gets no label: an
 * estimate (CBPE, calibrated on the validation set) and no realized accuracy. The app has no reference param: the
 * baseline is the validation set's.
 */
class ModelPerformanceIT {
    private static final String PROJECT = "perf";
    private static final String MODEL = "iris";
    private static final String APP = "model-performance";
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length",
            "petal_width");
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant T0 = NOW.minus(Duration.ofMinutes(30));
    private static final String RANGE = "start=" + T0.minus(Duration.ofHours(1)) + "&end=" + NOW.plus(Duration.ofDays(2));
    private static List<double[]> iris;
    private static double[][] centroids;
    private double validationAccuracy;
    @TempDir
    Path dir;

    @BeforeAll
    static void readIris() throws Exception {
        iris = Files.readAllLines(IrisTutorialIT.csv()).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        centroids = new double[3][4];
        for (double[] r : iris) {
            for (int j = 0; j < 4; j++) {
                centroids[(int) r[4]][j] += r[j] / 50;
            }
        }
    }

    @Test
    void realizedBackfilledAndEstimatedAccuracyAndOneAlert() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withFlush(50, Duration.ofMillis(200)), clock)) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            String uid = setUp(client);
            ObjectNode alert = (ObjectNode) client.get("/alert-templates/model-performance-detected");
            ((ObjectNode) alert.get("entities")).putArray("ids").add(uid + "." + APP + ".result.accuracy");
            client.put("/projects/" + PROJECT + "/alerts/accuracy-drop", alert);
            List<Row> rows = serve(client, uid);

            JsonNode first = client.sendLabels(PROJECT, uid, labels(rows, 0, false));
            assertThat(first.path("accepted").asInt()).isEqualTo(50);
            awaitApplied(server.port(), first.path("offset").asLong());
            client.runController(PROJECT);
            JsonNode acc = series(client, uid, "result.accuracy").path("values");
            assertThat(acc).as("only window 1 has labels").hasSize(1);
            assertThat(acc.get(0).get(1).asDouble()).isEqualTo(accuracy(rows, 0, false));
            assertThat(values(series(client, uid, "metric.label_coverage"))).containsExactly(1.0, 0.0, 0.0);
            List<Double> estimated = values(series(client, uid, "result.estimated_accuracy"));
            assertThat(estimated).as("an estimate for every window, from the validation set's calibration")
                    .hasSize(3).allSatisfy(v -> assertThat(v).isBetween(0.8, 1.0));
            assertThat(activations(client)).isZero();

            clock.advance(Duration.ofDays(1));
            JsonNode late = client.sendLabels(PROJECT, uid, labels(rows, 1, true));
            assertThat(late.path("accepted").asInt()).as("a day later, within label_delay").isEqualTo(50);
            awaitApplied(server.port(), late.path("offset").asLong());
            client.runController(PROJECT); // (the scheduler, on the moved clock, may have run it first)
            JsonNode after = series(client, uid, "result.accuracy");
            assertThat(values(after)).as("window 2 backfilled without reanalyze_late; window 3 has none")
                    .containsExactly(accuracy(rows, 0, false), accuracy(rows, 1, true));
            assertThat(accuracy(rows, 1, true)).isLessThan(0.7);
            JsonNode coverage = series(client, uid, "metric.label_coverage");
            assertThat(values(coverage)).containsExactly(1.0, 1.0, 0.0);
            JsonNode history = series(client, uid, "result.estimated_accuracy").path("history");
            // window 2 twice (the earlier version kept, marked replaced), window 3 once; window 1 once, or twice when
            // the background scheduler analysed it before its labels were stored (then they backfilled it)
            Map<String, List<Boolean>> replacedByStart = new TreeMap<>();
            history.forEach(v -> replacedByStart.computeIfAbsent(v.get(0).asText(), k -> new ArrayList<>())
                    .add(v.get(4).asBoolean()));
            assertThat(replacedByStart).as("history %s", history).hasSize(3);
            assertThat(replacedByStart.get(T0.plus(Duration.ofMinutes(1)).toString()))
                    .as("window 2: replaced once by the backfill").containsExactlyInAnyOrder(true, false);
            assertThat(replacedByStart.get(T0.plus(Duration.ofMinutes(2)).toString())).containsExactly(false);
            assertThat(replacedByStart.get(T0.toString())).containsOnlyOnce(false).hasSizeBetween(1, 2);
            JsonNode w2 = client.get("/projects/" + PROJECT + "/model-endpoints/" + uid + "/metrics-values?name="
                    + PROJECT + "." + APP + ".result.accuracy&history=true&extra_data=true&" + RANGE);
            JsonNode window2 = w2.get(0).path("values").get(1);
            assertThat(window2.get(2).asInt()).as("status detected").isEqualTo(2);
            assertThat(window2.get(3).path("label_coverage").asDouble()).isEqualTo(1.0);
            assertThat(window2.get(3).path("reference").asDouble()).as("the validation set's accuracy")
                    .isEqualTo(validationAccuracy);
            assertThat(client.runController(PROJECT)).as("backfilled once").isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> activations(client) >= 1);
            assertThat(activations(client)).as("the degraded window fires the alert exactly once").isEqualTo(1);
        }
    }

    /** A served prediction: its request id, features, predicted class, probabilities and true class. */
    private record Row(String id, double[] x, int predicted, double[] proba, int truth) {
    }

    private String setUp(DriftwatchClient client) throws Exception {
        client.createProject(PROJECT);
        Path validation = validationSet();
        client.logModel(PROJECT, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv(),
                new ValidationSetFile(validation, "species", "prediction",
                        "setosa:p_setosa,versicolor:p_versicolor,virginica:p_virginica"));
        client.post("/projects/" + PROJECT + "/model-monitoring/enable-model-monitoring"
                + "?base_period=1m&deploy_histogram_data_drift_app=false", null);
        client.registerApp(PROJECT, APP, null, null, Map.of("min_rows", "10"));
        ObjectNode ep = Json.object();
        ep.putObject("metadata").put("project", PROJECT);
        ObjectNode spec = ep.putObject("spec").put("model", MODEL).put("function_uri", PROJECT + "/serving")
                .put("monitoring_mode", "enabled");
        FEATURES.forEach(spec.putArray("feature_names")::add);
        ArrayNode outputs = spec.putArray("label_names").add("prediction");
        CLASSES.forEach(c -> outputs.add("p_" + c));
        client.post("/projects/" + PROJECT + "/model-endpoints", ep);
        return EndpointId.of(PROJECT, PROJECT + "/serving", MODEL, null);
    }

    /** 600 scored iris rows (each flower 4 times, jittered), labelled with their species. */
    private Path validationSet() throws Exception {
        Random rnd = new Random(3);
        StringBuilder out = new StringBuilder();
        int right = 0;
        for (int copy = 0; copy < 4; copy++) {
            for (double[] r : iris) {
                Row row = score("v", jitter(r, rnd), (int) r[4]);
                right += row.predicted() == row.truth() ? 1 : 0;
                ObjectNode o = Json.object();
                for (int j = 0; j < 4; j++) {
                    o.put(FEATURES.get(j), row.x()[j]);
                }
                o.put("prediction", CLASSES.get(row.predicted()));
                for (int k = 0; k < 3; k++) {
                    o.put("p_" + CLASSES.get(k), row.proba()[k]);
                }
                out.append(o.put("species", CLASSES.get(row.truth()))).append('\n');
            }
        }
        validationAccuracy = right / 600.0;
        return Files.writeString(dir.resolve("validation.ndjson"), out.toString());
    }

    /** Serves the 150 flowers (shuffled, jittered) in 3 windows of 50, plus one row that closes them. */
    private static List<Row> serve(DriftwatchClient client, String uid) throws Exception {
        Random rnd = new Random(5);
        List<double[]> shuffled = new ArrayList<>(iris);
        java.util.Collections.shuffle(shuffled, rnd);
        List<Row> rows = new ArrayList<>();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Row row = score("r" + i, jitter(shuffled.get(i), rnd), (int) shuffled.get(i)[4]);
            rows.add(row);
            events.add(event(row, T0.plus(Duration.ofMinutes(i / 50)).plusSeconds(i % 50)));
        }
        Instant close = T0.plus(Duration.ofMinutes(5));
        events.add(event(score("close", Arrays.copyOf(iris.getFirst(), 4), 0), close));
        client.ingest(PROJECT, events);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> close.toString()
                .equals(client.endpoint(PROJECT, uid, false).path("status").path("last_request").asText()));
        return rows;
    }

    private static double[] jitter(double[] r, Random rnd) {
        double[] x = new double[4];
        for (int j = 0; j < 4; j++) {
            x[j] = Math.round((r[j] + 0.1 * rnd.nextGaussian()) * 1000) / 1000.0;
        }
        return x;
    }

    /** The iris-like model: nearest centroid, probabilities a softmax of minus the squared distances / 0.5. */
    private static Row score(String id, double[] x, int truth) {
        double[] p = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double d = 0;
            for (int j = 0; j < 4; j++) {
                d += (x[j] - centroids[k][j]) * (x[j] - centroids[k][j]);
            }
            p[k] = Math.exp(-d / 0.5);
            sum += p[k];
        }
        int best = 0;
        for (int k = 0; k < 3; k++) {
            p[k] /= sum;
            best = p[k] > p[best] ? k : best;
        }
        return new Row(id, x, best, p, truth);
    }

    private static ObjectNode event(Row row, Instant when) {
        ObjectNode e = Json.object().put("model", MODEL).put("function_uri", PROJECT + "/serving")
                .put("when", when.toString()).put("microsec", 900);
        ArrayNode in = e.putObject("request").put("id", row.id()).putArray("inputs").addArray();
        Arrays.stream(row.x()).forEach(in::add);
        ArrayNode out = e.putObject("resp").put("id", row.id()).put("model_name", MODEL).putArray("outputs")
                .addArray().add(CLASSES.get(row.predicted()));
        Arrays.stream(row.proba()).forEach(out::add);
        return e;
    }

    /** The labels of window {@code w}; {@code shifted}: 2 of 5 moved to another class (the world changed). */
    private static List<ObjectNode> labels(List<Row> rows, int w, boolean shifted) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 50 * w; i < 50 * (w + 1); i++) {
            out.add(Json.object().put("request_id", rows.get(i).id()).put("label", CLASSES.get(truth(rows, i, shifted))));
        }
        return out;
    }

    private static int truth(List<Row> rows, int i, boolean shifted) {
        int t = rows.get(i).truth();
        return shifted && i % 5 < 2 ? (t + 1) % 3 : t;
    }

    private static double accuracy(List<Row> rows, int w, boolean shifted) {
        int right = 0;
        for (int i = 50 * w; i < 50 * (w + 1); i++) {
            right += rows.get(i).predicted() == truth(rows, i, shifted) ? 1 : 0;
        }
        return right / 50.0;
    }

    private static JsonNode series(DriftwatchClient client, String uid, String name) {
        return client.get("/projects/" + PROJECT + "/model-endpoints/" + uid + "/metrics-values?name=" + PROJECT + "."
                + APP + "." + name + "&history=true&" + RANGE).get(0);
    }

    private static List<Double> values(JsonNode series) {
        List<Double> out = new ArrayList<>();
        series.path("values").forEach(v -> out.add(v.get(1).asDouble()));
        return out;
    }

    private static int activations(DriftwatchClient client) {
        return client.get("/projects/" + PROJECT + "/alert-activations?alert=accuracy-drop").size();
    }

    /** Waits until the stream processor applied the record at {@code offset}. */
    private static void awaitApplied(int port, long offset) {
        String gauge = "driftwatch_processor_applied_offset ";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> scrape(port).lines()
                .filter(l -> l.startsWith(gauge)).mapToDouble(l -> Double.parseDouble(l.substring(gauge.length())))
                .anyMatch(v -> v > offset));
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
