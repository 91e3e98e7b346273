package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.server.http.Json;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} scraped by a real Prometheus (the Debian package's {@code prometheus} on 127.0.0.1, a free
 * port, 1 s scrape interval) and queried through its HTTP API; {@code promtool check metrics} passes on the text.
 * CI installs the package ({@code .ci/run}); without it this test fails naming what is missing.
 */
class PrometheusIT {
    @TempDir
    Path dir;
    private MonitoredServer server;
    private Process prometheus;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = MonitoredServer.start(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        server.close();
    }

    static String tool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " not found on PATH: install the Debian package 'prometheus' "
                + "(apt-get install -y prometheus; .ci/run does this)");
    }

    @Test
    void promtoolAcceptsTheMetricsText() throws Exception {
        String text = scrape();
        assertThat(text).contains("# TYPE driftwatch_predictions_total counter")
                .contains("# TYPE driftwatch_prediction_latency_seconds histogram")
                .contains("driftwatch_app_result_value{").contains("driftwatch_stream_lag_records");
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, text);
        Process p = new ProcessBuilder(tool("promtool"), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics: " + out).isZero();
    }

    @Test
    void promtoolAcceptsTheShippedScrapeConfig() throws Exception {
        Path shipped = GrafanaDashboardsIT.grafanaDir().resolve("provisioning/prometheus.yml").toAbsolutePath();
        Process p = new ProcessBuilder(tool("promtool"), "check", "config", shipped.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check config: " + out).isZero();
    }

    /** The shipped scrape config ({@code provisioning/prometheus.yml}) aimed at this server, scraping every second. */
    private Path scrapeConfig() throws IOException {
        String shipped = Files.readString(GrafanaDashboardsIT.grafanaDir().resolve("provisioning/prometheus.yml"));
        assertThat(shipped).contains("driftwatch:8080", "scrape_interval: 15s");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, shipped.replace("driftwatch:8080", "127.0.0.1:" + server.port())
                .replace("scrape_interval: 15s", "scrape_interval: 1s\n  scrape_timeout: 1s"));
        return config;
    }

    @Test
    void prometheusScrapesAndAnswersQueries() throws Exception {
        int port = freePort();
        Path config = scrapeConfig();
        prometheus = new ProcessBuilder(tool("prometheus"), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";
        String sel = "{project=\"" + MonitoredServer.PROJECT + "\",endpoint_id=\"" + MonitoredServer.UID + "\"}";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> !query(api, "driftwatch_predictions_total" + sel).isEmpty()
                && !query(api, "driftwatch_controller_run_duration_seconds_count").isEmpty());

        JsonNode predictions = query(api, "driftwatch_predictions_total" + sel).get(0);
        assertThat(predictions.path("metric").path("model").asText()).isEqualTo(MonitoredServer.MODEL);
        assertThat(value(predictions)).isEqualTo(server.predictionRows);
        assertThat(value(query(api, "driftwatch_prediction_latency_seconds_count" + sel).get(0)))
                .isEqualTo(MonitoredServer.EVENTS);
        // latencies are 1.00 .. 3.49 ms: every event is at most 5 ms, none at most 1 ms except the first
        assertThat(value(query(api, "driftwatch_prediction_latency_seconds_bucket{le=\"0.005\",endpoint_id=\""
                + MonitoredServer.UID + "\"}").get(0))).isEqualTo(MonitoredServer.EVENTS);
        assertThat(value(query(api, "sum(driftwatch_prediction_errors_total" + sel + ")").get(0)))
                .isEqualTo(MonitoredServer.ERRORS);
        JsonNode drift = query(api, "driftwatch_app_result_value{result=\"general_drift\"}").get(0);
        assertThat(drift.path("metric").path("application").asText()).isEqualTo("histogram-data-drift");
        assertThat(value(drift)).isBetween(0.0, 1.0);
        assertThat(value(query(api, "driftwatch_app_result_status{result=\"general_drift\"}").get(0))).isIn(0.0, 1.0, 2.0);
        assertThat(value(query(api, "driftwatch_app_failures_total{application=\"always-fails\"}").get(0)))
                .isEqualTo(server.windows);
        assertThat(value(query(api, "driftwatch_controller_run_duration_seconds_count{project=\""
                + MonitoredServer.PROJECT + "\"}").get(0))).isGreaterThanOrEqualTo(1);
        assertThat(value(query(api, "driftwatch_sample_flush_duration_seconds_count").get(0))).isPositive();
        assertThat(value(query(api, "driftwatch_stream_lag_records").get(0)))
                .isBetween(0.0, (double) MonitoredServer.EVENTS + MonitoredServer.ERRORS);
        assertThat(value(query(api, "driftwatch_processor_events_total").get(0)))
                .isEqualTo(MonitoredServer.EVENTS + MonitoredServer.ERRORS);
        double appends = value(query(api, "driftwatch_stream_appends_total").get(0));
        double commits = value(query(api, "driftwatch_stream_group_commits_total").get(0));
        assertThat(appends).isPositive().isLessThanOrEqualTo(MonitoredServer.EVENTS + MonitoredServer.ERRORS);
        assertThat(commits).isPositive().isLessThanOrEqualTo(appends);
        assertThat(value(query(api, "driftwatch_stream_fsyncs_total").get(0))).isGreaterThanOrEqualTo(commits);
        everyModernDashboardQueryAnswers(api);
    }

    /**
     * Every expression of {@code dashboards/grafana/modern/prometheus.json}, with the dashboard's variables set to the
     * filled endpoint and {@code $__rate_interval} to 1m, is valid PromQL and answers at least one series from this
     * real Prometheus (after two scrapes, so rates have two samples).
     */
    private void everyModernDashboardQueryAnswers(String api) throws IOException {
        JsonNode d = Json.MAPPER.readTree(GrafanaDashboardsIT.grafanaDir().resolve("modern/prometheus.json").toFile());
        java.util.List<String> exprs = new java.util.ArrayList<>();
        d.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).hasSizeGreaterThan(10);
        String rate = "sum(rate(driftwatch_predictions_total[1m]))";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> !query(api, rate).isEmpty());
        for (String e : exprs) {
            String q = e.replace("$project", MonitoredServer.PROJECT).replace("$endpoint", MonitoredServer.UID)
                    .replace("$__rate_interval", "1m");
            assertThat(query(api, q)).as("dashboard query " + q).isNotEmpty();
        }
        assertThat(value(query(api, "max by (feature) (driftwatch_feature_drift{project=\"" + MonitoredServer.PROJECT
                + "\"})").get(0))).isBetween(0.0, 1.0);
        templateVariablesAnswer(api.replace("/query?query=", ""), d);
        panelValuesAreTheServers(api, d);
    }

    /**
     * The drift gauge and the result-status timeline answer, through Prometheus, what the REST API says of the newest
     * analysed window: each feature's (TVD + Hellinger) / 2 and each application result's status.
     */
    private void panelValuesAreTheServers(String api, JsonNode dashboard) {
        JsonNode w = server.client.get("/projects/" + MonitoredServer.PROJECT + "/ui/endpoints/" + MonitoredServer.UID + "/windows");
        JsonNode newest = w.path("windows").get(0);
        java.util.Map<String, Double> gauge = new java.util.HashMap<>();
        query(api, expr(dashboard, "Drift per feature (latest window)")).forEach(r -> gauge.put(r.path("metric").path("feature").asText(), value(r)));
        // the gauge has every column of the window's drift measures: the features and the model's output ("label")
        JsonNode measures = server.client.get("/projects/" + MonitoredServer.PROJECT + "/ui/endpoints/" + MonitoredServer.UID
                + "/windows/" + URLEncoder.encode(newest.path("window_end").asText(), StandardCharsets.UTF_8))
                .path("status").path("drift_measures");
        assertThat(gauge.keySet()).containsAll(() -> w.path("feature_drift").fieldNames()).contains("label");
        gauge.forEach((f, v) -> {
            JsonNode m = measures.path(f);
            assertThat(v).as(f).isCloseTo((m.path("tvd").asDouble() + m.path("hellinger").asDouble()) / 2, within(1e-9));
            if (w.path("feature_drift").has(f)) {
                assertThat(v).as(f + " as the Windows tab's heat map").isCloseTo(w.path("feature_drift").path(f).get(0).asDouble(), within(1e-9));
            }
        });
        java.util.Map<String, Double> status = new java.util.HashMap<>();
        query(api, expr(dashboard, "Result status")).forEach(r -> status.put(r.path("metric").path("application").asText() + "."
                + r.path("metric").path("result").asText(), value(r)));
        int compared = 0;
        for (JsonNode r : newest.path("results")) {
            String key = r.path("application").asText() + "." + r.path("name").asText();
            assertThat(status).as(key).containsEntry(key, r.path("status").asDouble());
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(2);
    }

    private static String expr(JsonNode dashboard, String title) {
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("title").asText().equals(title)) {
                return p.path("targets").get(0).path("expr").asText().replace("$project", MonitoredServer.PROJECT)
                        .replace("$endpoint", MonitoredServer.UID);
            }
        }
        throw new AssertionError("no panel " + title);
    }

    /**
     * Each template variable {@code label_values(selector, label)} as Grafana's Prometheus datasource asks it
     * ({@code GET /api/v1/label/<label>/values?match[]=<selector>}) answers the filled project and endpoint.
     */
    private void templateVariablesAnswer(String api, JsonNode dashboard) throws IOException {
        java.util.regex.Pattern lv = java.util.regex.Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");
        java.util.Map<String, String> expected = java.util.Map.of("project", MonitoredServer.PROJECT, "endpoint_id", MonitoredServer.UID);
        int checked = 0;
        for (JsonNode v : dashboard.path("templating").path("list")) {
            java.util.regex.Matcher m = lv.matcher(v.path("query").asText());
            assertThat(m.matches()).as("variable " + v.path("name") + ": " + v.path("query")).isTrue();
            String selector = m.group(1).replace("$project", MonitoredServer.PROJECT);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/label/" + m.group(2)
                        + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(selector + ": " + r.body()).isEqualTo(200);
                JsonNode values = Json.MAPPER.readTree(r.body()).path("data");
                assertThat(values.toString()).as(v.path("query").asText()).contains("\"" + expected.get(m.group(2)) + "\"");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(2);
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    private JsonNode query(String api, String promql) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertThat(body.path("status").asText()).as(promql + ": " + r.body()).isEqualTo("success");
            return body.path("data").path("result");
        } catch (IOException e) {
            return Json.MAPPER.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double value(JsonNode sample) {
        return Double.parseDouble(sample.path("value").get(1).asText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
