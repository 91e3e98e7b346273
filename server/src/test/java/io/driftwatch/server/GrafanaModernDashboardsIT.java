package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards for Grafana's maintained datasources ({@code dashboards/grafana/modern/}): each validates against
 * Grafana's dashboard schema, uses no Angular-only panel type and not the SimpleJson datasource; every Prometheus
 * expression names only metrics that a live server's {@code /metrics} exports (scraped after the pipeline filled
 * it), the latency histogram resolves 1–5 ms, the per-feature drift gauge is there; every Infinity URL answers 200
 * with the columns the panel reads; the UI's windows and operations routes answer what the UI shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaModernDashboardsIT {
    static final List<String> MODERN = List.of("prometheus", "postgres", "mysql", "infinity");
    /** Panel types that need AngularJS (removed in Grafana 12, off by default since 11). */
    private static final Set<String> ANGULAR = Set.of("graph", "singlestat", "table-old", "grafana-piechart-panel",
            "grafana-worldmap-panel", "grafana-clock-panel", "natel-discrete-panel", "grafana-polystat-panel");
    private static final Pattern METRIC = Pattern.compile("\\b(driftwatch_[a-z0-9_]+)");
    private MonitoredServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = MonitoredServer.start(dir);
        base = "http://localhost:" + server.port();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode load(String name) throws IOException {
        return Json.MAPPER.readTree(GrafanaDashboardsIT.grafanaDir().resolve("modern/" + name + ".json").toFile());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void everyModernDashboardMatchesTheSchemaAndUsesNoAngularPanelNorSimpleJson() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Json.MAPPER.readTree(GrafanaDashboardsIT.grafanaDir().resolve("schema/dashboard.schema.json").toFile()));
        for (String name : MODERN) {
            JsonNode d = load(name);
            assertThat(schema.validate(d)).as(name + " against the schema").isEmpty();
            assertThat(d.toString()).as(name).doesNotContain("grafana-simple-json-datasource");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.path("panels")) {
                assertThat(ids.add(p.path("id").asInt())).as(name + " panel ids unique").isTrue();
                assertThat(ANGULAR).as(name + "/" + p.path("title")).doesNotContain(p.path("type").asText());
                assertThat(p.path("datasource").path("uid").asText()).as(name + "/" + p.path("title"))
                        .isEqualTo("driftwatch-" + name);
                assertThat(p.path("targets")).as(name + "/" + p.path("title")).isNotEmpty();
            }
        }
    }

    @Test
    void everyPrometheusQueryNamesAMetricTheServerExports() throws Exception {
        String scrape = get("/metrics");
        Set<String> exported = new HashSet<>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
        List<String> named = new ArrayList<>();
        JsonNode d = load("prometheus");
        List<JsonNode> queries = new ArrayList<>();
        d.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr"))));
        d.path("templating").path("list").forEach(v -> queries.add(v.path("query")));
        for (JsonNode q : queries) {
            Matcher m = METRIC.matcher(q.asText());
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(10);
        assertThat(exported).as("metrics exported by /metrics").containsAll(new HashSet<>(named));
        assertThat(exported).contains("driftwatch_feature_drift", "driftwatch_prediction_latency_row_seconds_total");
        for (String le : List.of("0.001", "0.0015", "0.002", "0.0025", "0.003", "0.004", "0.005")) {
            assertThat(scrape).as("latency bucket le=" + le).contains("driftwatch_prediction_latency_seconds_bucket{")
                    .containsPattern("driftwatch_prediction_latency_seconds_bucket\\{[^}]*le=\"" + Pattern.quote(le) + "\"");
        }
        assertThat(scrape).containsPattern("driftwatch_feature_drift\\{[^}]*feature=\"sepal_length\"");
    }

    @Test
    void everyInfinityUrlAnswersTheColumnsItsPanelReads() throws Exception {
        JsonNode d = load("infinity");
        assertThat(d.findValuesAsText("url")).as("a panel charts drift over the range from the window summaries")
                .anyMatch(u -> u.contains("/model-endpoints/${endpoint}/drift/series?") && u.contains("granularity=hour"));
        for (JsonNode p : d.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                String url = t.path("url").asText().replace("${project}", MonitoredServer.PROJECT)
                        .replace("${endpoint}", MonitoredServer.UID)
                        .replace("${__from:date:iso}", enc(Instant.now().minusSeconds(3600).toString()))
                        .replace("${__to:date:iso}", enc(Instant.now().toString()));
                JsonNode answer = Json.MAPPER.readTree(get(url));
                String root = t.path("root_selector").asText();
                JsonNode rows = root.isEmpty() ? answer : answer.path(root);
                JsonNode row = rows.isArray() ? rows.get(0) : rows;
                assertThat(row).as(p.path("title") + ": " + url + " has rows").isNotNull();
                for (JsonNode c : t.path("columns")) {
                    assertThat(row.has(c.path("selector").asText())).as(p.path("title") + " column " + c.path("selector")).isTrue();
                }
            }
        }
    }

    @Test
    void headlineLatencyIsTheSameInTheUiAndTheGrafanaDatasource() throws Exception {
        JsonNode ui = Json.MAPPER.readTree(get("/api/v1/projects/" + MonitoredServer.PROJECT + "/ui/overview"));
        HttpResponse<String> g = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/grafana-proxy/model-endpoints/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"targets\": [{\"target\": \"target_endpoint=project_summary;project="
                        + MonitoredServer.PROJECT + "\", \"type\": \"table\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
        JsonNode table = Json.MAPPER.readTree(g.body()).get(0);
        int col = -1;
        for (int i = 0; i < table.path("columns").size(); i++) {
            if (table.path("columns").get(i).path("text").asText().equals("latency_avg_1h")) {
                col = i;
            }
        }
        assertThat(col).isNotNegative();
        assertThat(table.path("rows").get(0).get(col).asDouble()).isEqualTo(ui.path("latency_avg_1h").asDouble());
        assertThat(ui.path("as_of").asText()).isNotEmpty();
    }

    @Test
    void windowsRouteListsEveryAnalysedWindowAndOpensOne() throws Exception {
        String p = "/api/v1/projects/" + MonitoredServer.PROJECT + "/ui/endpoints/" + MonitoredServer.UID;
        JsonNode w = Json.MAPPER.readTree(get(p + "/windows"));
        assertThat(w.path("windows").size()).isGreaterThanOrEqualTo(5);
        JsonNode newest = w.path("windows").get(0);
        assertThat(newest.path("results").findValuesAsText("application")).contains("histogram-data-drift");
        assertThat(newest.path("artifacts").findValuesAsText("name")).contains("drift_table_plot");
        assertThat(w.path("feature_drift").path("sepal_length").size()).isEqualTo(w.path("windows").size());
        for (JsonNode a : newest.path("artifacts")) {
            get(a.path("url").asText());
        }
        JsonNode oldest = w.path("windows").get(w.path("windows").size() - 1);
        JsonNode at = Json.MAPPER.readTree(get(p + "/windows/" + enc(oldest.path("window_end").asText())));
        assertThat(at.path("window").path("window_end").asText()).isEqualTo(oldest.path("window_end").asText());
        double expected = w.path("feature_drift").path("sepal_length").get(w.path("windows").size() - 1).asDouble();
        JsonNode measures = at.path("status").path("drift_measures").path("sepal_length");
        assertThat((measures.path("tvd").asDouble() + measures.path("hellinger").asDouble()) / 2).isEqualTo(expected);
        assertThat(at.path("features").size()).isPositive();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + p + "/windows/2001-01-01T00:00:00Z"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void operationsRouteCountsEveryPredictionAndError() throws Exception {
        String p = "/api/v1/projects/" + MonitoredServer.PROJECT + "/ui/endpoints/" + MonitoredServer.UID;
        JsonNode o = Json.MAPPER.readTree(get(p + "/operations?start=now-1h"));
        assertThat(o.path("totals").path("errors").asLong()).isEqualTo(MonitoredServer.ERRORS);
        assertThat(o.path("totals").path("events").asLong()).isEqualTo(MonitoredServer.EVENTS);
        long rows = 0;
        for (JsonNode v : o.path("predictions_per_second")) {
            rows += Math.round(v.asDouble() * o.path("step_seconds").asDouble());
        }
        assertThat(rows).isEqualTo(o.path("totals").path("predictions").asLong());
        double p50 = o.path("totals").path("latency_p50").asDouble();
        double p99 = o.path("totals").path("latency_p99").asDouble();
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
