package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 7: markup stored through every field a client can set (feature names in the training set's header,
 * categorical values, endpoint labels, the model name of an endpoint, alert summary and description)
 * is shown as text on every UI page and in the drift-table artifact; nothing of it executes.
 */
class WebUiXssIT {
    private static final String IMG = "<img src=x onerror=window.__xss=1>";
    private static final String SCRIPT = "<script>window.__xss=1</script>";
    private static final String P = "xss";
    private static final String MODEL = "xss-model";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void storedMarkupIsShownAsTextAndNeverRuns() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(50, Duration.ofMillis(100)));
             Browser browser = new Browser(dir.resolve("chrome"), Path.of("target/screenshots"), ZoneId.of("UTC").getId())) {
            String url = "http://localhost:" + server.port();
            DriftwatchClient c = DriftwatchClient.connect(url);
            String uid = fill(c);
            String base = url + "/#/projects/" + P;
            for (String page : List.of("/endpoints", "/endpoints/" + uid + "/overview", "/endpoints/" + uid + "/drift",
                    "/endpoints/" + uid + "/features", "/endpoints/" + uid + "/metrics", "/overview", "/applications",
                    "/alerts")) {
                browser.open(base + page);
                assertThat(browser.script("return String(window.__xss)")).as(page).isEqualTo("undefined");
                // an injected element is found at once; its onerror handler would have set window.__xss
                assertThat(browser.findAll("img[src=x], #main script")).as(page).isEmpty();
            }
            browser.open(base + "/endpoints");
            assertThat(text(browser)).contains(IMG);
            browser.open(base + "/endpoints/" + uid + "/features");
            assertThat(text(browser)).contains(IMG).contains(SCRIPT);
            browser.open(base + "/alerts");
            assertThat(text(browser)).contains(SCRIPT);
            browser.visit(url + "/api/v1/projects/" + P + "/model-endpoints/" + uid
                    + "/artifacts/histogram-data-drift/drift_table_plot");
            assertThat(browser.script("return String(window.__xss)")).isEqualTo("undefined");
            assertThat(browser.findAll("img, script")).as("no element made from data").isEmpty();
            assertThat(text(browser)).contains(IMG).contains(SCRIPT);
            browser.screenshot("xss-drift-table");
        }
    }

    private static String text(Browser b) {
        return String.valueOf(b.script("return document.body.innerText"));
    }

    /** Stores the payloads everywhere and waits for a drift-table artifact; returns the endpoint uid. */
    private String fill(DriftwatchClient c) throws IOException {
        c.createProject(P);
        c.logModel(P, MODEL, null, "sklearn", "label", null, trainingSet());
        c.enableMonitoring(P, "10m", true);
        c.registerApp(P, "rule-accuracy", RuleAccuracyApp.class.getName(), null, Map.of());
        c.put("/projects/" + P + "/alerts/drift-alert", JSON.readTree("""
                {"summary": "%s on {{entity}}", "description": "%s", "severity": "high", "reset_policy": "manual",
                 "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["data-drift-detected"]}, "criteria": {"count": 1, "period": "10m"},
                 "notifications": [{"kind": "console"}]}""".formatted(SCRIPT, IMG.replace("\"", "\\\""))));
        c.post("/projects/" + P + "/model-endpoints", JSON.readTree("""
                {"metadata": {"uid": "ep-markup", "labels": {"env": "%s"}},
                 "spec": {"function_uri": "xss/other", "model": "%s"}}""".formatted(IMG, SCRIPT)));
        c.ingest(P, events());
        String uid = EndpointId.of(P, P + "/serving", MODEL, null);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            c.runController(P);
            return c.get("/projects/" + P + "/model-endpoints/" + uid + "/artifacts").toString()
                    .contains("drift_table_plot");
        });
        return uid;
    }

    /** A training set whose header holds the payloads as feature names and a categorical column with a payload. */
    private Path trainingSet() throws IOException {
        StringBuilder csv = new StringBuilder("x," + IMG + "," + SCRIPT + ",label\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 7).append(',').append(i % 5 * 0.5).append(',').append(i % 3 == 0 ? SCRIPT : "b")
                    .append(',').append(i % 2).append('\n');
        }
        return Files.writeString(dir.resolve("train.csv"), csv);
    }

    /** 150 events an hour ago with payload labels and categorical values, and one recent event closing the windows. */
    private static List<ObjectNode> events() {
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i <= 150; i++) {
            // windows close as later events arrive: the last event is recent
            Instant when = i == 150 ? Instant.now().minusSeconds(20) : t0.plusSeconds(2L * i);
            ObjectNode e = JSON.createObjectNode().put("model", MODEL).put("function_uri", P + "/serving")
                    .put("when", when.toString()).put("microsec", 900);
            e.putObject("labels").put("env", IMG).put("team", SCRIPT);
            ArrayNode in = e.putObject("request").put("id", "r" + i).putArray("inputs").addArray();
            in.add(i % 7 + 3).add(i % 5 * 0.5).add(i % 2 == 0 ? SCRIPT : IMG);
            e.putObject("resp").put("id", "r" + i).put("model_name", MODEL).putArray("outputs").add(i % 2);
            events.add(e);
        }
        return events;
    }
}
