package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.driftwatch.server.grafana.GrafanaRoutes;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboards ({@code dashboards/grafana/*.json}): each validates against Grafana's dashboard
 * schema (generated from {@code @grafana/schema}, kept in {@code dashboards/grafana/schema/}), and every template
 * variable and every panel query runs against a live server filled through the pipeline, answering non-empty data of
 * the shape the panel asked for (SimpleJson table or timeserie).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardsIT {
    private static final List<String> DASHBOARDS = List.of("overview", "details", "performance", "applications");
    private static final Pattern FIELD_REGEX = Pattern.compile("^/\\^(.+)\\$/$");
    private MonitoredServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = MonitoredServer.start(dir);
        base = "http://localhost:" + server.port() + GrafanaRoutes.BASE;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Path grafanaDir() {
        Path p = Path.of("dashboards/grafana");
        return Files.isDirectory(p) ? p : Path.of("../dashboards/grafana");
    }

    @Test
    void everyDashboardMatchesGrafanasSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Json.MAPPER.readTree(grafanaDir().resolve("schema/dashboard.schema.json").toFile()));
        for (String name : DASHBOARDS) {
            JsonNode d = dashboard(name);
            Set<ValidationMessage> errors = schema.validate(d);
            assertThat(errors).as(name + ".json against the Grafana dashboard schema").isEmpty();
            assertThat(d.path("schemaVersion").asInt()).isEqualTo(42);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : panels(d)) {
                assertThat(ids.add(p.path("id").asInt())).as(name + ": panel ids unique").isTrue();
                assertThat(p.path("datasource").path("uid").asText()).as(name + "/" + p.path("title")).isEqualTo("driftwatch");
                assertThat(p.path("targets")).as(name + "/" + p.path("title") + " has queries").isNotEmpty();
            }
        }
        // the schema is strict: an unknown key fails
        ObjectNode bad = dashboard("overview").deepCopy();
        bad.put("colour", "blue");
        assertThat(schema.validate(bad)).isNotEmpty();
    }

    @Test
    void dashboardsHaveThePanelsOfTheSeedDocuments() throws IOException {
        assertThat(titles("overview")).contains("Endpoints", "Predictions/s", "Average latency (1h)", "Errors", "Models",
                "Predictions/s per endpoint", "Average latency (1h) per endpoint");
        assertThat(titles("details")).contains("Endpoint summary", "Overall drift", "Features analysis",
                "Incoming features");
        assertThat(titles("performance")).contains("Drift measures", "Average latency (5m and 1h)",
                "Predictions/s (5 s)", "Predictions count (5m and 1h)", "Custom metrics");
        assertThat(titles("applications")).contains("Drift status by category", "Average drift value", "Latest result",
                "Results summary", "Result value by time", "Drift detection history");
        assertThat(types("overview")).contains("stat", "table", "heatmap");
        assertThat(types("applications")).contains("piechart", "gauge", "stat", "table", "timeseries", "state-timeline");
    }

    @Test
    void everyPanelQueryAnswersNonEmptyDataOfItsShape() throws Exception {
        assertThat(post("", null).statusCode()).isEqualTo(200);
        int queries = 0;
        for (String name : DASHBOARDS) {
            JsonNode d = dashboard(name);
            Map<String, String> vars = variables(d);
            Instant to = Instant.now();
            Instant from = to.minus(Duration.ofHours(1));
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    String target = interpolate(t.path("target").asText(), vars);
                    String what = name + " / " + p.path("title").asText() + " / " + target;
                    ObjectNode q = Json.object();
                    q.putObject("range").put("from", from.toString()).put("to", to.toString());
                    q.put("intervalMs", 20_000).put("maxDataPoints", 500);
                    q.putArray("targets").addObject().put("refId", t.path("refId").asText()).put("target", target)
                            .put("type", t.path("type").asText());
                    HttpResponse<String> r = post("/query", q);
                    assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(200);
                    JsonNode answer = Json.MAPPER.readTree(r.body());
                    assertThat(answer).as(what).isNotEmpty();
                    if (t.path("type").asText().equals("table")) {
                        checkTable(what, answer, p);
                    } else {
                        assertThat(t.path("type").asText()).isEqualTo("timeserie");
                        checkSeries(what, answer, from, to);
                    }
                    queries++;
                }
            }
        }
        assertThat(queries).isEqualTo(25);
    }

    @Test
    void badTargetsAreClear400s() throws Exception {
        ObjectNode q = Json.object();
        q.putArray("targets").addObject().put("target", "target_endpoint=nope;project=" + MonitoredServer.PROJECT);
        HttpResponse<String> r = post("/query", q);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown Grafana target_endpoint 'nope'").contains("list_endpoints");
        q.putArray("targets").addObject().put("target", "target_endpoint=latency_avg;project="
                + MonitoredServer.PROJECT + ";endpoint_id=$MODELENDPOINT");
        assertThat(post("/query", q).body()).contains("uninterpolated variable $MODELENDPOINT");
        q.putArray("targets").addObject().put("target", "target_endpoint=list_endpoints;project=missing");
        assertThat(post("/query", q).statusCode()).isEqualTo(404);
    }

    private void checkTable(String what, JsonNode answer, JsonNode panel) {
        assertThat(answer).as(what + ": one table per target").hasSize(1);
        JsonNode table = answer.get(0);
        assertThat(table.path("type").asText()).isEqualTo("table");
        List<String> columns = new ArrayList<>();
        for (JsonNode c : table.path("columns")) {
            assertThat(c.path("type").asText()).as(what).isIn("string", "number", "time");
            columns.add(c.path("text").asText());
        }
        assertThat(columns).as(what + " columns").isNotEmpty();
        assertThat(table.path("rows")).as(what + " rows").isNotEmpty();
        for (JsonNode row : table.path("rows")) {
            assertThat(row).as(what + " row width").hasSize(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                String type = table.path("columns").get(i).path("type").asText();
                JsonNode v = row.get(i);
                if (!v.isNull()) {
                    assertThat(type.equals("string") ? v.isTextual() : v.isNumber()).as(what + " " + columns.get(i)).isTrue();
                }
            }
        }
        var m = FIELD_REGEX.matcher(panel.path("options").path("reduceOptions").path("fields").asText());
        if (m.matches()) {
            assertThat(columns).as(what + ": the column the panel shows").contains(m.group(1));
        }
    }

    private static void checkSeries(String what, JsonNode answer, Instant from, Instant to) {
        for (JsonNode s : answer) {
            assertThat(s.path("target").asText()).as(what + " series name").isNotEmpty();
            assertThat(s.path("datapoints")).as(what + " " + s.path("target") + " points").isNotEmpty();
            for (JsonNode point : s.path("datapoints")) {
                assertThat(point).hasSize(2);
                assertThat(point.get(0).isNumber()).as(what).isTrue();
                assertThat(point.get(1).asLong()).as(what + " time")
                        .isBetween(from.toEpochMilli() - 3_600_000L, to.toEpochMilli());
            }
        }
    }

    /** Resolves the dashboard's variables in order through /search, choosing the test's project, endpoint, app. */
    private Map<String, String> variables(JsonNode d) throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        // the status-cycle app gives every status whatever histogram-data-drift concludes on these small windows
        Map<String, String> wanted = Map.of("PROJECT", MonitoredServer.PROJECT, "MODELENDPOINT", MonitoredServer.UID,
                "APPLICATION", MonitoredServer.STATUS_APP);
        for (JsonNode v : d.path("templating").path("list")) {
            String query = interpolate(v.path("query").asText(), vars);
            HttpResponse<String> r = post("/search", Json.object().put("target", query));
            assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
            List<String> values = new ArrayList<>();
            for (JsonNode o : Json.MAPPER.readTree(r.body())) {
                values.add(o.isObject() ? o.path("value").asText() : o.asText());
                if (o.isObject()) {
                    assertThat(o.path("text").asText()).isNotEmpty();
                }
            }
            String name = v.path("name").asText();
            assertThat(values).as("options of $" + name).contains(wanted.get(name));
            vars.put(name, wanted.get(name));
        }
        return vars;
    }

    private static String interpolate(String text, Map<String, String> vars) {
        String out = text;
        for (var e : vars.entrySet()) {
            out = out.replace("$" + e.getKey(), e.getValue());
        }
        return out;
    }

    private HttpResponse<String> post(String path, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b = body == null ? b.GET() : b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode dashboard(String name) throws IOException {
        return Json.MAPPER.readTree(grafanaDir().resolve(name + ".json").toFile());
    }

    private static List<JsonNode> panels(JsonNode d) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : d.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> titles(String name) throws IOException {
        return panels(dashboard(name)).stream().map(p -> p.path("title").asText()).toList();
    }

    private static List<String> types(String name) throws IOException {
        return panels(dashboard(name)).stream().map(p -> p.path("type").asText()).toList();
    }
}
