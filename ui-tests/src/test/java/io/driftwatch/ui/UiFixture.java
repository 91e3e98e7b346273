package io.driftwatch.ui;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import io.driftwatch.client.DriftwatchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * A server on a free port and a temporary data directory, filled through the whole pipeline over HTTP: project
 * {@code iris} with the iris model logged from {@code examples/iris/iris.csv}, monitoring enabled (base period
 * 10 minutes, histogram-data-drift plus {@link RuleAccuracyApp}) and two alerts (data drift detected, manual reset;
 * model performance suspected, auto reset), then two endpoints fed with events timestamped in
 * the past: {@code serving} over six windows drifting from the training data to a constant row, with two model
 * errors, and {@code serving-canary} (version v2) over three training windows; one recent event each keeps the live
 * metrics non-zero. The canary outputs class probabilities and carries labels ({@link LabelledCanary}), analysed by
 * the built-in {@code model-performance} app with a validation set; {@code serving} has no labels. The controller is
 * then run once. A second, empty project exercises the project picker.
 */
final class UiFixture implements AutoCloseable {
    static final String P = "iris";
    static final String MODEL = "iris-model";
    static final Duration PERIOD = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    final Server server;
    final DriftwatchClient client;
    final String uidA = EndpointId.of(P, P + "/serving", MODEL, null);
    final String uidB = EndpointId.of(P, P + "/serving-canary", MODEL, "v2");
    final Instant t0;
    private final List<double[]> iris;
    private final Path dir;
    private final LabelledCanary canary = new LabelledCanary();
    private int requestId;

    private UiFixture(Path dir) throws IOException {
        this.dir = dir;
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(200, Duration.ofMillis(200)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        iris = Files.readAllLines(csv()).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        long p = PERIOD.toMillis();
        t0 = Instant.ofEpochMilli(Math.floorDiv(Instant.now().minus(Duration.ofHours(3)).toEpochMilli(), p) * p);
    }

    /** Starts and fills the server; closes it if filling fails. */
    static UiFixture start(Path dir) throws IOException {
        UiFixture f = new UiFixture(dir);
        try {
            f.fill();
            return f;
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        }
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    static Path csv() {
        Path p = Path.of("examples/iris/iris.csv");
        return Files.exists(p) ? p : Path.of("../examples/iris/iris.csv");
    }

    private void fill() {
        client.createProject(P);
        client.createProject("empty-project");
        client.logModel(P, MODEL, null, "sklearn", "label", null, csv());
        client.enableMonitoring(P, "10m", true);
        client.registerApp(P, "rule-accuracy", RuleAccuracyApp.class.getName(), null, Map.of());
        client.registerApp(P, LabelledCanary.APP, null, null,
                LabelledCanary.params(canary.writeReference(dir.resolve("canary-validation.ndjson"))));
        createCanary();
        put("/projects/" + P + "/alerts/drift-detected", alert("Data drift detected on {{entity}}", "high", "manual",
                "data-drift-detected"));
        put("/projects/" + P + "/alerts/accuracy-suspected", alert("Accuracy may be dropping on {{entity}}", "medium", "auto",
                "model-performance-suspected"));
        double[] shifts = {0, 0, 0.3, 0.8, Double.NaN, 1.0};
        List<ObjectNode> events = new ArrayList<>();
        for (int w = 0; w < shifts.length; w++) {
            events.addAll(window("serving", null, "prod", w, shifts[w]));
        }
        for (int w = 0; w < 3; w++) {
            List<ObjectNode> rows = window("serving-canary", "v2", "canary", w, 0);
            for (int i = 0; i < rows.size(); i++) {
                canary.label(rows.get(i), w, i);
            }
            events.addAll(rows);
        }
        events.add(error("serving", t0.plus(PERIOD.multipliedBy(2)).plusSeconds(30), "model crashed: input out of range"));
        events.add(error("serving", t0.plus(PERIOD.multipliedBy(4)).plusSeconds(90), "model timed out"));
        Instant recent = Instant.now().minusSeconds(20);
        events.add(event("serving", null, "prod", iris.get(10), recent));
        ObjectNode live = event("serving-canary", "v2", "canary", iris.get(60), recent);
        canary.outputsOnly(live);
        events.add(live);
        for (int i = 0; i < events.size(); i += 500) {
            client.ingest(P, events.subList(i, Math.min(events.size(), i + 500)));
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> dataRows(uidA) == 6 * 150 + 1 && dataRows(uidB) == 3 * 150 + 1
                && client.endpoint(P, uidA, false).path("status").path("error_count").asInt() == 2);
        client.runController(P);
        // The scheduler (started by enable-model-monitoring) may have analysed some windows itself, before or while
        // the explicit run waits, so count the stored results rather than the run's answer: 9 windows x 2 apps, and
        // model-performance's realized accuracy of the canary's two labelled windows and the estimate of all three.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> storedResults() >= 9 * 2
                && performanceResults("accuracy") == 2 && performanceResults("estimated_accuracy") == 3);
    }

    /** The canary's record before its first event: outputs = the prediction and the three class probabilities. */
    private void createCanary() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("metadata").put("uid", uidB).putObject("labels").put("env", "canary").put("team", "ml");
        ObjectNode spec = body.putObject("spec").put("model", MODEL).put("model_version", "v2")
                .put("function_uri", P + "/serving-canary").put("model_class", "SKLearnModel")
                .put("monitoring_mode", "enabled");
        LabelledCanary.OUTPUTS.forEach(spec.putArray("label_names")::add);
        client.post("/projects/" + P + "/model-endpoints", body);
    }

    private int performanceResults(String name) {
        String since = t0.minus(Duration.ofHours(1)).toString();
        int n = 0;
        for (JsonNode r : client.get("/projects/" + P + "/ui/app-results?start=" + since)) {
            n += r.path("endpoint_id").asText().equals(uidB) && r.path("application").asText().equals(LabelledCanary.APP)
                    && r.path("name").asText().equals(name) ? 1 : 0;
        }
        return n;
    }

    private int storedResults() {
        String since = t0.minus(Duration.ofHours(1)).toString();
        return client.get("/projects/" + P + "/ui/app-results?start=" + since).size();
    }

    /** 150 events 4 s apart in window {@code w}; NaN shift = the constant row [0.5, 0.5, 0.5, 0.5]. */
    private List<ObjectNode> window(String fn, String version, String env, int w, double shift) {
        List<ObjectNode> out = new ArrayList<>();
        Instant start = t0.plus(PERIOD.multipliedBy(w));
        for (int i = 0; i < 150; i++) {
            double[] r = iris.get((i * 7 + w * 13) % iris.size()).clone();
            for (int c = 0; c < 4; c++) {
                r[c] = Double.isNaN(shift) ? 0.5 : Math.round((r[c] + shift * (c + 1) / 2) * 10) / 10.0;
            }
            out.add(event(fn, version, env, r, start.plusSeconds(4L * i)));
        }
        return out;
    }

    private ObjectNode event(String fn, String version, String env, double[] row, Instant when) {
        String id = "r" + requestId++;
        ObjectNode e = base(fn, version, when).put("microsec", 800 + (requestId * 37) % 2400);
        e.putObject("labels").put("env", env).put("team", "ml");
        var inputs = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (int i = 0; i < 4; i++) {
            inputs.add(row[i]);
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs").add((int) row[4]);
        return e;
    }

    private ObjectNode error(String fn, Instant when, String message) {
        String id = "e" + requestId++;
        ObjectNode e = base(fn, null, when).put("error", message);
        e.putObject("request").put("id", id).putArray("inputs").addArray().add(1.0).add(2.0).add(3.0).add(4.0);
        return e;
    }

    private ObjectNode base(String fn, String version, Instant when) {
        ObjectNode e = JSON.createObjectNode().put("class", "SKLearnModel").put("model", MODEL)
                .put("function_uri", P + "/" + fn).put("when", when.toString());
        if (version != null) {
            e.put("version", version);
        }
        return e;
    }

    private int dataRows(String uid) {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url() + "/api/v1/projects/" + P + "/model-endpoints/" + uid + "/data?format=csv"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (int) r.body().lines().count() - 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String alert(String summary, String severity, String reset, String event) {
        return "{\"summary\": \"" + summary + "\", \"severity\": \"" + severity + "\", \"reset_policy\": \"" + reset + "\","
                + " \"entities\": {\"kind\": \"model-endpoint-result\", \"ids\": [\"*\"]},"
                + " \"trigger\": {\"events\": [\"" + event + "\"]}, \"criteria\": {\"count\": 1, \"period\": \"10m\"},"
                + " \"notifications\": [{\"kind\": \"console\"}]}";
    }

    void put(String path, String json) {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url() + "/api/v1" + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode get(String path) {
        return client.get(path);
    }

    @Override
    public void close() {
        server.close();
    }
}
