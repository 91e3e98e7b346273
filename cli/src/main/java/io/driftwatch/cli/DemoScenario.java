package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * MLRun's model-monitoring tutorial over the REST API and the real serving path: log the iris model with its
 * training set, enable monitoring with a short base period, register an example app and a console alert, deploy a
 * serving function with tracking, invoke it with drifted points during the first window and with iris rows during
 * the second, close both windows with one more request (the controller follows event time), run the controller and
 * print the endpoint and each window's results. Takes about {@code 2 × basePeriod + grace + 3 s}.
 */
final class DemoScenario {
    static final String PROJECT = "iris-demo";
    static final String FUNCTION = "iris-serving";
    static final String MODEL = "iris";
    static final String APP = "prediction-mean-shift";
    static final String ALERT = "drift-to-console";
    private static final int ROWS = 150;

    private final DriftwatchClient client;
    private final PrintWriter out;
    private final Path examples;
    private final Duration basePeriod;
    private final Duration grace;
    private final String uid = EndpointId.of(PROJECT, PROJECT + "/" + FUNCTION, MODEL, null);
    private final String infer = "v2/models/" + MODEL + "/infer";
    private boolean alertCreated;

    DemoScenario(DriftwatchClient client, PrintWriter out, Path examples, Duration basePeriod, Duration grace) {
        this.client = client;
        this.out = out;
        this.examples = examples;
        this.basePeriod = basePeriod;
        this.grace = grace;
    }

    /** Runs the steps and prints the report. */
    void run() throws IOException {
        List<String> iris = Files.readAllLines(examples.resolve("iris.csv")).stream().skip(1)
                .filter(l -> !l.isBlank()).map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        setUp();
        step("phase 1: %d requests with drifted inputs (all features ≈ 0.5) through %s/%s", ROWS, PROJECT, FUNCTION);
        for (int i = 0; i < ROWS; i++) {
            double[] v = new double[4];
            for (int f = 0; f < 4; f++) {
                v[f] = 0.4 + 0.05 * ((i * 7 + f * 3) % 5);
            }
            invoke(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f", v[0], v[1], v[2], v[3]));
        }
        await("the first tracked event", () -> endpoint().path("status").hasNonNull("first_request"));
        Instant first = Instant.parse(endpoint().path("status").path("first_request").asText());
        Instant secondWindow = first.plus(basePeriod);
        sleepUntil(secondWindow.plusMillis(300), "the second window (windows follow event time)");
        step("phase 2: %d requests with the iris training rows", iris.size());
        iris.forEach(this::invoke);
        Instant closeAt = secondWindow.plus(basePeriod).plus(grace).plusMillis(500);
        sleepUntil(closeAt, "both windows are closed");
        invoke(iris.getFirst());
        await("the closing request to be processed", () -> !Instant.parse(endpoint().path("status")
                .path("last_request").asText(first.toString())).isBefore(closeAt.minusMillis(500)));
        int windows = client.runController(PROJECT);
        step("controller run: %d app-window(s) analysed now (the scheduler may have done others)", windows);
        String general = PROJECT + ".histogram-data-drift.result.general_drift";
        await("both windows' results", () -> values(general).size() >= 2);
        report(first);
    }

    private void setUp() {
        step("project %s", PROJECT);
        ignoreConflict(() -> client.createProject(PROJECT));
        JsonNode model = client.logModel(PROJECT, MODEL, null, "onnx", "label", examples.resolve("iris_rf.onnx"),
                examples.resolve("iris.csv"));
        step("log_model %s: %s + training set iris.csv (features %s, label 'label')", MODEL,
                examples.resolve("iris_rf.onnx").getFileName(), model.path("feature_names"));
        client.enableMonitoring(PROJECT, basePeriod.toSeconds() + "s", true);
        step("enable_model_monitoring: base_period %ds, histogram-data-drift deployed", basePeriod.toSeconds());
        client.registerApp(PROJECT, APP, "io.driftwatch.engine.apps.examples.PredictionMeanShiftApp", null, null);
        step("app %s registered (example PredictionMeanShiftApp)", APP);
        ignoreConflict(() -> client.createServingFunction(PROJECT, FUNCTION, null));
        client.addServingModel(PROJECT, FUNCTION, MODEL, null, null);
        client.setTracking(PROJECT, FUNCTION, true, 1.0);
        JsonNode fn = client.deployServingFunction(PROJECT, FUNCTION);
        step("serving function %s deployed with model %s, tracking on: %s", fn.path("function_uri").asText(),
                MODEL, client.baseUrl().replace("/api/v1", "") + fn.path("url").asText() + "/v2");
        createAlert();
    }

    private void createAlert() {
        ObjectNode alert = DemoCommand.JSON.createObjectNode().put("severity", "high")
                .put("summary", "{{name}}: data drift detected on endpoint {{endpoint}} (project {{project}})");
        alert.putObject("entities").put("kind", "model-endpoint-result").putArray("ids").add(uid);
        alert.putObject("trigger").putArray("events").add("data-drift-detected");
        alert.putArray("notifications").addObject().put("kind", "console");
        try {
            client.put("/projects/" + PROJECT + "/alerts/" + ALERT, alert);
            alertCreated = true;
            step("alert %s: data-drift-detected on the endpoint → console", ALERT);
        } catch (DriftwatchException e) {
            step("alerts not available on this server (%s)", e.getMessage());
        }
    }

    private void report(Instant first) {
        JsonNode ep = endpoint();
        JsonNode st = ep.path("status");
        out.println();
        out.println("Endpoint");
        out.printf("  uid          %s%n", uid);
        out.printf("  model        %s (class %s), function %s%n", ep.path("spec").path("model").asText(),
                ep.path("spec").path("model_class").asText(), ep.path("spec").path("function_uri").asText());
        out.printf("  predictions  %d in the last 5 min, error_count %d, first %s, last %s%n",
                st.path("metrics").path("generic").path("predictions_count_5m").asLong(),
                st.path("error_count").asLong(), st.path("first_request").asText(), st.path("last_request").asText());
        out.printf("  drift_status %s (latest window)%n", status(st.path("drift_status").asInt(-1)));
        out.println();
        out.printf("Windows (base period %ds, event time; window 1 starts at the first request %s)%n",
                basePeriod.toSeconds(), first);
        out.printf("  %-3s %-28s %-8s %-22s %-9s %-9s %-9s %s%n", "#", "window end", "phase", "general_drift",
                "tvd_mean", "hell_mean", "kld_mean", "prediction_mean_shift");
        String app = PROJECT + ".histogram-data-drift.";
        JsonNode general = values(app + "result.general_drift");
        JsonNode tvd = values(app + "metric.tvd_mean");
        JsonNode hel = values(app + "metric.hellinger_mean");
        JsonNode kld = values(app + "metric.kld_mean");
        JsonNode shift = values(PROJECT + "." + APP + ".result.prediction_mean_shift");
        for (int i = 0; i < general.size(); i++) {
            JsonNode g = general.get(i);
            String end = g.get(0).asText();
            out.printf(Locale.ROOT, "  %-3d %-28s %-8s %-22s %-9.4f %-9.4f %-9.4f %s%n", i + 1, end,
                    i == 0 ? "drifted" : i == 1 ? "iris" : "-",
                    String.format(Locale.ROOT, "%.4f %s", g.get(1).asDouble(), status(g.get(2).asInt())),
                    at(tvd, end), at(hel, end), at(kld, end), shiftAt(shift, end));
        }
        if (alertCreated) {
            JsonNode acts = client.get("/projects/" + PROJECT + "/alert-activations");
            out.println();
            out.printf("Alert %s: %d activation(s)%s%n", ALERT, acts.size(), acts.isEmpty() ? ""
                    : " — notified to the console (the 'ALERT [high] …' line above)");
        }
        String root = client.baseUrl().replace("/api/v1", "");
        String epUrl = client.baseUrl() + "/projects/" + PROJECT + "/model-endpoints/" + uid;
        out.println();
        out.println("Where to look");
        out.printf("  UI             %s/%n", root);
        out.printf("  endpoint       %s?feature_analysis=true%n", epUrl);
        out.printf("  drift values   %s/metrics-values?name=%s.histogram-data-drift.result.general_drift%n", epUrl, PROJECT);
        out.printf("  drift table    %s/artifacts%n", epUrl);
        out.printf("  rows           %s/data?format=csv%n", epUrl);
        out.printf("  prometheus     %s/metrics (driftwatch_controller_windows_total: windows answered from window"
                + " summaries, from summaries and rows — %s reads rows — or from rows)%n", root, APP);
        out.printf("  serving        POST %s/serving/%s/%s/%s%n", root, PROJECT, FUNCTION, infer);
        out.printf("  CLI            driftwatch invoke %s/%s %s '{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}'%n", PROJECT, FUNCTION, infer);
        out.flush();
    }

    private static String status(int s) {
        return switch (s) {
            case 2 -> "(2 detected)";
            case 1 -> "(1 potential)";
            case 0 -> "(0 no drift)";
            default -> "(-1 irrelevant)";
        };
    }

    private static double at(JsonNode values, String end) {
        for (JsonNode v : values) {
            if (v.get(0).asText().equals(end)) {
                return v.get(1).asDouble();
            }
        }
        return Double.NaN;
    }

    private static String shiftAt(JsonNode values, String end) {
        for (JsonNode v : values) {
            if (v.get(0).asText().equals(end)) {
                return String.format(Locale.ROOT, "%.3f %s", v.get(1).asDouble(), status(v.path(2).asInt(-1)));
            }
        }
        return "-";
    }

    private JsonNode values(String fullName) {
        JsonNode r = client.metricsValues(PROJECT, uid, List.of(fullName), null, null);
        return r.isArray() && !r.isEmpty() ? r.get(0).path("values") : DemoCommand.JSON.createArrayNode();
    }

    private JsonNode endpoint() {
        return client.endpoint(PROJECT, uid, false);
    }

    private void invoke(String csvRow) {
        client.invoke(PROJECT + "/" + FUNCTION, infer, "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[" + csvRow + "]}]}");
    }

    private void step(String format, Object... args) {
        out.printf("[demo] " + format + "%n", args);
        out.flush();
    }

    private void sleepUntil(Instant t, String why) {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            step("waiting %.1f s until %s", ms / 1000.0, why);
            sleep(ms);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo: timed out waiting for " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void ignoreConflict(Runnable r) {
        try {
            r.run();
        } catch (DriftwatchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }
}
