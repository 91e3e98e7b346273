package io.driftwatch.server;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late data over HTTP (issue 15, point 5): rows whose window was already analysed are counted on the endpoint record
 * ({@code status.late_rows}) and in {@code /metrics}; with {@code reanalyze_late=true} the next controller run
 * analyses that window again, the metrics-values route shows the new result and {@code history=true} keeps the
 * replaced one; without it the window is not analysed again.
 */
class LateDataIT {
    private static final String MODEL = "iris-model";
    private static final int ON_TIME = 150;
    private static final int LATE = 60;
    private static List<double[]> iris;
    @TempDir
    Path dir;

    @BeforeAll
    static void readIris() throws Exception {
        iris = Files.readAllLines(IrisTutorialIT.csv()).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @Test
    void lateRowsAreCountedAndTheirWindowAnalysedAgainOnlyWithReanalyzeLate() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withFlush(50, Duration.ofMillis(200)))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            Case on = analysedOnce(client, "late-on", true, t0);
            Case off = analysedOnce(client, "late-off", false, t0);
            for (Case c : List.of(on, off)) {
                sendLateRows(client, c, t0);
            }
            assertThat(scrape(server.port())).contains(gaugeLine(on)).contains(gaugeLine(off));
            JsonNode overview = client.get("/projects/" + on.project + "/ui/endpoints");
            assertThat(overview.get(0).path("late_rows").asLong()).as("the UI's endpoint list").isEqualTo(LATE);

            assertThat(client.runController(on.project)).as("the late window analysed again").isEqualTo(1);
            assertThat(client.runController(off.project)).as("no window analysed again").isZero();

            JsonNode onSeries = series(client, on, true);
            assertThat(onSeries.path("values")).as("one current value for the window").hasSize(1);
            double replaced = onSeries.path("values").get(0).get(1).asDouble();
            assertThat(replaced).as("the 60 shifted late rows raise the drift").isGreaterThan(on.firstValue);
            JsonNode history = onSeries.path("history");
            assertThat(history).hasSize(2);
            assertThat(history.get(0).get(2).asDouble()).isEqualTo(on.firstValue);
            assertThat(history.get(0).get(4).asBoolean()).as("the first version superseded").isTrue();
            assertThat(history.get(1).get(2).asDouble()).isEqualTo(replaced);
            assertThat(history.get(1).get(4).asBoolean()).isFalse();
            JsonNode onStatus = client.endpoint(on.project, on.uid, false).path("status");
            assertThat(onStatus.path("current_stats").path("sepal_length").path("count").asDouble())
                    .as("the window's statistics now include the late rows").isEqualTo(ON_TIME + LATE);
            assertThat(onStatus.path("pending_late")).as("nothing left to re-analyse").isEmpty();

            JsonNode offSeries = series(client, off, true);
            assertThat(offSeries.path("values")).hasSize(1);
            assertThat(offSeries.path("values").get(0).get(1).asDouble()).isEqualTo(off.firstValue);
            assertThat(offSeries.path("history")).as("no second version").hasSize(1);
            JsonNode offStatus = client.endpoint(off.project, off.uid, false).path("status");
            assertThat(offStatus.path("late_rows").asLong()).isEqualTo(LATE);
            assertThat(offStatus.path("pending_late")).isEmpty();
            assertThat(client.runController(on.project)).as("re-analysed once only").isZero();
        }
    }

    /** A project's endpoint and the general drift value of its first window. */
    private record Case(String project, String uid, double firstValue) {
    }

    /** 150 rows in [t0, t0 + 1 min), then one at t0 + 200 s: with the 60 s grace, windows up to t0 + 2 min run. */
    private static Case analysedOnce(DriftwatchClient client, String project, boolean reanalyze, Instant t0)
            throws Exception {
        client.createProject(project);
        client.logModel(project, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
        JsonNode settings = client.post("/projects/" + project + "/model-monitoring/enable-model-monitoring"
                + "?base_period=1m&reanalyze_late=" + reanalyze, null);
        assertThat(settings.path("reanalyze_late").asBoolean()).isEqualTo(reanalyze);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < ON_TIME; i++) {
            events.add(event(project, iris.get(i), 0, t0.plusMillis(300L * i), "r" + i));
        }
        Instant closeAt = t0.plusSeconds(200);
        events.add(event(project, iris.getFirst(), 0, closeAt, "close"));
        client.ingest(project, events);
        String uid = EndpointId.of(project, project + "/serving", MODEL, null);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> closeAt.toString().equals(status(client, project, uid).path("last_request").asText()));
        // the scheduler's first run (within a tick of enabling) may already have analysed the window: either way,
        // after this run it is analysed exactly once
        assertThat(client.runController(project)).isBetween(0, 1);
        JsonNode values = series(client, new Case(project, uid, 0), false).path("values");
        assertThat(values).hasSize(1);
        assertThat(status(client, project, uid).path("late_rows").asLong()).isZero();
        return new Case(project, uid, values.get(0).get(1).asDouble());
    }

    /** 60 rows shifted by +3 with event times in the analysed window [t0, t0 + 1 min). */
    private static void sendLateRows(DriftwatchClient client, Case c, Instant t0) throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < LATE; i++) {
            events.add(event(c.project, iris.get(i), 3, t0.plusMillis(5_000 + 500L * i), "late" + i));
        }
        client.ingest(c.project, events);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> status(client, c.project, c.uid).path("late_rows").asLong() == LATE);
        assertThat(status(client, c.project, c.uid).path("pending_late")).hasSize(LATE);
    }

    private static JsonNode series(DriftwatchClient client, Case c, boolean history) {
        String name = c.project + ".histogram-data-drift.result.general_drift";
        return client.get("/projects/" + c.project + "/model-endpoints/" + c.uid + "/metrics-values?name=" + name
                + (history ? "&history=true" : "")).get(0);
    }

    private static String gaugeLine(Case c) {
        return "driftwatch_late_rows{endpoint_id=\"" + c.uid + "\",model=\"" + MODEL + "\",project=\"" + c.project
                + "\"} " + LATE + ".0";
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode status(DriftwatchClient client, String project, String uid) {
        try {
            return client.endpoint(project, uid, false).path("status");
        } catch (RuntimeException e) { // not created yet
            return Json.object();
        }
    }

    private static ObjectNode event(String project, double[] row, double shift, Instant when, String id) {
        ObjectNode e = Json.object();
        e.put("model", MODEL).put("function_uri", project + "/serving").put("when", when.toString())
                .put("microsec", 900);
        var inputs = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (int i = 0; i < 4; i++) {
            inputs.add(row[i] + shift);
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs").add((int) row[4]);
        return e;
    }
}
