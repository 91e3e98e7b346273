package io.driftwatch.server;

import static io.driftwatch.server.GrafanaDashboardFiles.interpolate;
import static io.driftwatch.server.GrafanaDashboardFiles.load;
import static io.driftwatch.server.GrafanaDashboardFiles.panel;
import static io.driftwatch.server.GrafanaDashboardFiles.panels;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.server.grafana.GrafanaRoutes;
import io.driftwatch.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ResultStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards as MLRun's users know them (issue 15 point 8), checked in the JSON and against a live server's
 * datasource answers: endpoint IDs drill down to Details and Performance with the variables set, drift status words
 * and colours, 15-minute heat maps (errors among them), the average drift value over possible and detected results
 * only, no irrelevant results in the drift history, and the dashboards' link buttons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDrillDownIT {
    private static final long BUCKET_MS = Duration.ofMinutes(15).toMillis();
    private MonitoredServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private final Map<String, String> vars = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = MonitoredServer.start(dir);
        base = "http://localhost:" + server.port() + GrafanaRoutes.BASE;
        vars.put("PROJECT", MonitoredServer.PROJECT);
        vars.put("MODELENDPOINT", MonitoredServer.UID);
        vars.put("APPLICATION", "*");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void endpointIdsLinkToDetailsAndPerformanceWithTheirVariables() throws Exception {
        Map<String, JsonNode> byUid = GrafanaDashboardFiles.byUid();
        Set<String> linked = new HashSet<>();
        for (String name : GrafanaDashboardFiles.NAMES) {
            for (JsonNode p : panels(load(name))) {
                for (JsonNode link : fieldLinks(p, "endpoint_id")) {
                    String what = name + " / " + p.path("title").asText() + " / " + link.path("title").asText();
                    List<String> ids = column(tableOf(p), "endpoint_id");
                    assertThat(ids).as(what + ": endpoint IDs in the answer").contains(MonitoredServer.UID);
                    linked.add(name + "/" + p.path("title").asText() + "->" + checkLink(what, link, ids, byUid));
                }
            }
        }
        assertThat(linked).contains("overview/Models->driftwatch-details", "overview/Models->driftwatch-performance",
                "details/Endpoint summary->driftwatch-details", "details/Endpoint summary->driftwatch-performance",
                "applications/Results summary->driftwatch-performance");
    }

    /** Checks one data link against the target dashboard's variables and the datasource; returns the target uid. */
    private String checkLink(String what, JsonNode link, List<String> ids, Map<String, JsonNode> byUid)
            throws Exception {
        String url = link.path("url").asText();
        assertThat(url).as(what).matches("/d/[a-z-]+/[a-z-]+\\?.*");
        String uid = url.substring(3, url.indexOf('/', 3));
        assertThat(byUid).as(what + ": links to a shipped dashboard").containsKey(uid);
        Map<String, String> params = queryParams(url);
        assertThat(params).as(what + ": keeps the time range").containsKey("${__url_time_range}");
        assertThat(params).as(what).containsEntry("var-MODELENDPOINT", "${__value.raw}")
                .containsEntry("var-PROJECT", "${PROJECT}");
        Map<String, Boolean> targetVars = GrafanaDashboardFiles.variables(byUid.get(uid));
        for (String p : params.keySet()) {
            if (p.startsWith("var-")) {
                assertThat(targetVars).as(what + ": " + p + " is a variable of " + uid).containsKey(p.substring(4));
            }
        }
        targetVars.forEach((name, all) -> assertThat(all || params.containsKey("var-" + name))
                .as(what + ": sets $" + name + " of " + uid).isTrue());
        followLink(params, ids, byUid.get(uid));
        return uid;
    }

    private static Map<String, String> queryParams(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = part.indexOf('=');
            params.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        return params;
    }

    /** For each endpoint ID cell: the variable values the link sets are offered by the target dashboard. */
    private void followLink(Map<String, String> params, List<String> ids, JsonNode target) throws Exception {
        for (String id : ids) {
            Map<String, String> set = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (k.startsWith("var-")) {
                    set.put(k.substring(4), interpolate(v.replace("${__value.raw}", id), vars));
                }
            });
            offered(target, set);
        }
    }

    /** Every variable value set by a link is one the target dashboard's variable query offers. */
    private void offered(JsonNode dashboard, Map<String, String> set) throws Exception {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String name = v.path("name").asText();
            String value = set.getOrDefault(name, "*");
            JsonNode options = post("/search", Json.object().put("target",
                    interpolate(v.path("query").asText(), resolved)));
            List<String> values = new ArrayList<>();
            options.forEach(o -> values.add(o.isObject() ? o.path("value").asText() : o.asText()));
            if (!value.equals("*")) {
                assertThat(values).as("$" + name + " of " + dashboard.path("uid").asText()).contains(value);
            }
            resolved.put(name, value);
        }
    }

    @Test
    void driftStatusIsNoDriftPossibleDetectedInGreenYellowRed() throws Exception {
        Map<String, String> colours = Map.of("0", "green", "1", "yellow", "2", "red");
        Map<String, String> texts = Map.of("0", "No drift", "1", "Possible drift", "2", "Drift detected");
        for (String[] table : new String[][] {{"overview", "Models"}, {"details", "Endpoint summary"}}) {
            JsonNode p = panel(table[0], table[1]);
            JsonNode options = override(p, "drift_status", "mappings").get(0).path("options");
            assertThat(override(p, "drift_status", "custom.cellOptions").path("type").asText())
                    .isEqualTo("color-background");
            colours.forEach((code, colour) -> {
                assertThat(options.path(code).path("color").asText()).as(table[1] + " " + code).isEqualTo(colour);
                assertThat(options.path(code).path("text").asText()).isEqualTo(texts.get(code));
            });
            for (String v : column(tableOf(p), "drift_status")) {
                assertThat(options.has(v)).as(table[1] + ": the answer's drift_status " + v + " is mapped").isTrue();
            }
        }
        JsonNode history = panel("applications", "Drift detection history").path("fieldConfig").path("defaults")
                .path("mappings").get(0).path("options");
        colours.forEach((code, colour) -> assertThat(history.path(code).path("color").asText()).isEqualTo(colour));
        JsonNode summary = override(panel("applications", "Results summary"), "status", "mappings").get(0)
                .path("options");
        Map<String, String> wire = Map.of("no_detection", "green", "potential_detection", "yellow", "detected", "red");
        wire.forEach((s, colour) -> assertThat(summary.path(s).path("color").asText()).isEqualTo(colour));
        for (String v : column(tableOf(panel("applications", "Results summary")), "status")) {
            assertThat(summary.has(v)).as("Results summary status " + v + " is mapped").isTrue();
        }
    }

    @Test
    void heatMapsHaveFifteenMinuteBucketsAndErrorsAreOne() throws Exception {
        List<JsonNode> heatmaps = panels(load("overview")).stream()
                .filter(p -> p.path("type").asText().equals("heatmap")).toList();
        assertThat(heatmaps).extracting(p -> p.path("title").asText()).containsExactlyInAnyOrder(
                "Predictions/s per endpoint", "Average latency (1h) per endpoint", "Errors per endpoint");
        assertThat(panels(load("overview"))).noneMatch(p -> p.path("type").asText().equals("timeseries"));
        for (JsonNode p : heatmaps) {
            assertThat(p.path("interval").asText()).as(p.path("title").asText()).isEqualTo("15m");
            String target = p.path("targets").get(0).path("target").asText();
            assertThat(target).endsWith(";step=15m");
            JsonNode answer = query(interpolate(target, vars), "timeserie");
            assertThat(answer).as(target).isNotEmpty();
            double total = onFifteenMinuteGrid(target, answer);
            for (JsonNode series : answer) {
                JsonNode points = series.path("datapoints");
                assertThat(points).as(target + ": the current bucket has a cell (traffic up to its end)").isNotEmpty();
                long now = System.currentTimeMillis();
                assertThat(points.get(points.size() - 1).get(1).asLong()).isBetween(
                        Math.floorDiv(now - 10_000, BUCKET_MS) * BUCKET_MS, Math.floorDiv(now, BUCKET_MS) * BUCKET_MS);
            }
            if (target.contains("endpoints_errors")) {
                assertThat(answer).extracting(s -> s.path("target").asText()).singleElement().asString()
                        .contains(MonitoredServer.UID.substring(0, 8));
                assertThat(total).as("every error in a bucket").isEqualTo(MonitoredServer.ERRORS);
            }
        }
    }

    /** Checks every point lies on the 15-minute grid, one per bucket; returns the sum of the values. */
    private static double onFifteenMinuteGrid(String target, JsonNode answer) {
        double total = 0;
        for (JsonNode s : answer) {
            long previous = Long.MIN_VALUE;
            for (JsonNode point : s.path("datapoints")) {
                long t = point.get(1).asLong();
                assertThat(t % BUCKET_MS).as(target + ": on the 15-minute grid").isZero();
                assertThat(t).as(target + ": one point per bucket").isGreaterThan(previous);
                previous = t;
                total += point.get(0).asDouble();
            }
        }
        return total;
    }

    @Test
    void averageDriftValueReadsPossibleAndDetectedResultsOnly() throws Exception {
        JsonNode gauge = panel("applications", "Average drift value");
        JsonNode answer = query(interpolate(gauge.path("targets").get(0).path("target").asText(), vars), "timeserie");
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, double[]> allValues = new TreeMap<>();
        for (JsonNode row : allResults().path("rows")) {
            String key = row.get(2).asText() + "." + row.get(3).asText();
            String status = row.get(5).asText();
            double[] sum = allValues.computeIfAbsent(key, k -> new double[2]);
            sum[0] += row.get(6).asDouble();
            sum[1]++;
            if (status.equals("potential_detection") || status.equals("detected")) {
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add(row.get(6).asDouble() + "@" + row.get(0));
            }
        }
        expected.values().forEach(l -> l.sort(null));
        assertThat(pointsByName(answer)).as("exactly the possible and detected results").isEqualTo(expected);
        String cycle = MonitoredServer.STATUS_APP + ".cycle";
        assertThat(meanOf(answer, cycle)).as("the gauge's mean leaves no-drift and irrelevant results out")
                .isEqualTo(StatusCycleApp.valueOf(ResultStatus.POTENTIAL_DETECTION));
        assertThat(allValues.get(cycle)[0] / allValues.get(cycle)[1]).as("mean over every result").isLessThan(0.5);
    }

    /** The mean of the named series' values (what the gauge's "mean" calculation shows). */
    private static double meanOf(JsonNode answer, String name) {
        double sum = 0;
        int n = 0;
        for (JsonNode s : answer) {
            if (s.path("target").asText().equals(name)) {
                for (JsonNode p : s.path("datapoints")) {
                    sum += p.get(0).asDouble();
                    n++;
                }
            }
        }
        assertThat(n).as(name + " points").isPositive();
        return sum / n;
    }

    /** Series name → "value@time" of each point, sorted. */
    private static Map<String, List<String>> pointsByName(JsonNode answer) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode s : answer) {
            List<String> points = new ArrayList<>();
            s.path("datapoints").forEach(p -> points.add(p.get(0).asDouble() + "@" + p.get(1).asLong()));
            points.sort(null);
            out.put(s.path("target").asText(), points);
        }
        return out;
    }

    @Test
    void driftHistoryLeavesIrrelevantResultsOut() throws Exception {
        JsonNode history = panel("applications", "Drift detection history");
        JsonNode answer = query(interpolate(history.path("targets").get(0).path("target").asText(), vars),
                "timeserie");
        int irrelevant = 0;
        int relevant = 0;
        for (JsonNode row : allResults().path("rows")) {
            if (row.get(5).asText().equals("irrelevant")) {
                irrelevant++;
            } else {
                relevant++;
            }
        }
        assertThat(irrelevant).as("the fixture has irrelevant results").isPositive();
        Set<Integer> codes = new HashSet<>();
        int points = 0;
        for (JsonNode s : answer) {
            for (JsonNode p : s.path("datapoints")) {
                codes.add(p.get(0).asInt());
                points++;
            }
        }
        assertThat(codes).as("status codes in the drift history").doesNotContain(-1).contains(0, 1);
        assertThat(points).as("every other result is in the history").isEqualTo(relevant);
        assertThat(query(history.path("targets").get(0).path("target").asText().replaceFirst("status=[^;]*",
                "status=2"), "timeserie", vars)).allSatisfy(s -> assertThat(s.path("datapoints"))
                .allSatisfy(p -> assertThat(p.get(0).asInt()).isEqualTo(2)));
        HttpResponse<String> bad = send("/query", queryBody("target_endpoint=result_status;project="
                + MonitoredServer.PROJECT + ";status=no_detection,maybe", "timeserie"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown status 'maybe'").contains("potential_detection (1)");
    }

    @Test
    void overviewDetailsAndPerformanceButtonsAreDashboardLinks() {
        Map<String, JsonNode> byUid = GrafanaDashboardFiles.byUid();
        Map<String, List<String>> buttons = Map.of("details", List.of("Overview", "Performance", "Applications"),
                "performance", List.of("Overview", "Details", "Applications"),
                "applications", List.of("Overview", "Details", "Performance"));
        buttons.forEach((name, titles) -> {
            JsonNode d = load(name);
            List<String> seen = new ArrayList<>();
            for (JsonNode l : d.path("links")) {
                if (!l.path("type").asText().equals("link")) {
                    continue;
                }
                String what = name + " button " + l.path("title").asText();
                String uid = l.path("url").asText().replaceFirst("^/d/", "");
                assertThat(byUid).as(what).containsKey(uid);
                assertThat(l.path("includeVars").asBoolean() && l.path("keepTime").asBoolean()).as(what).isTrue();
                assertThat(l.path("asDropdown").asBoolean()).as(what).isFalse();
                assertThat(byUid.get(uid).path("title").asText()).endsWith(l.path("title").asText());
                Map<String, Boolean> own = GrafanaDashboardFiles.variables(d);
                GrafanaDashboardFiles.variables(byUid.get(uid)).forEach((v, all) ->
                        assertThat(all || own.containsKey(v)).as(what + " carries $" + v).isTrue());
                seen.add(l.path("title").asText());
            }
            assertThat(seen).as(name).containsExactlyElementsOf(titles);
        });
    }

    private JsonNode allResults() throws Exception {
        JsonNode table = query("target_endpoint=result_summary;project=" + MonitoredServer.PROJECT + ";endpoint_id="
                + MonitoredServer.UID, "table").get(0);
        assertThat(column(table, "status")).contains("no_detection", "potential_detection", "irrelevant");
        return table;
    }

    /** The links of the panel's field override on {@code field}; empty when there are none. */
    private static List<JsonNode> fieldLinks(JsonNode panel, String field) {
        JsonNode links = override(panel, field, "links");
        List<JsonNode> out = new ArrayList<>();
        links.forEach(out::add);
        return out;
    }

    private static JsonNode override(JsonNode panel, String field, String property) {
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if (o.path("matcher").path("id").asText().equals("byName")
                    && o.path("matcher").path("options").asText().equals(field)) {
                for (JsonNode p : o.path("properties")) {
                    if (p.path("id").asText().equals(property)) {
                        return p.path("value");
                    }
                }
            }
        }
        return Json.MAPPER.missingNode();
    }

    private JsonNode tableOf(JsonNode panel) throws Exception {
        JsonNode answer = query(interpolate(panel.path("targets").get(0).path("target").asText(), vars), "table");
        assertThat(answer).hasSize(1);
        return answer.get(0);
    }

    private static List<String> column(JsonNode table, String name) {
        int i = 0;
        for (JsonNode c : table.path("columns")) {
            if (c.path("text").asText().equals(name)) {
                int col = i;
                List<String> out = new ArrayList<>();
                table.path("rows").forEach(r -> out.add(r.get(col).asText()));
                return out;
            }
            i++;
        }
        throw new AssertionError("no column " + name + " in " + table.path("columns"));
    }

    private JsonNode query(String target, String type) throws Exception {
        return post("/query", queryBody(target, type));
    }

    private JsonNode query(String target, String type, Map<String, String> values) throws Exception {
        return query(interpolate(target, values), type);
    }

    private static ObjectNode queryBody(String target, String type) {
        Instant to = Instant.now();
        ObjectNode q = Json.object();
        q.putObject("range").put("from", to.minus(Duration.ofHours(1)).toString()).put("to", to.toString());
        q.put("intervalMs", 20_000).put("maxDataPoints", 500);
        q.putArray("targets").addObject().put("refId", "A").put("target", target).put("type", type);
        return q;
    }

    private JsonNode post(String path, JsonNode body) throws Exception {
        HttpResponse<String> r = send(path, body);
        assertThat(r.statusCode()).as(path + " " + body + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> send(String path, JsonNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
