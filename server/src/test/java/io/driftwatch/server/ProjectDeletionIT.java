package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.Window;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /projects/{p}?deletion_strategy=cascading} over HTTP: a project with endpoints, a model file, rows in
 * Parquet, time series, results, artifacts, an alert with an activation, a serving function and monitoring settings is deleted with all
 * of it (no row, file or series left, even for events still buffered in the processor), and another project with the
 * same data is untouched. Rows are flushed only on demand (flush interval 1 h), so the deletion has to drain them.
 */
class ProjectDeletionIT {
    private static final String DOOMED = "doomed";
    private static final String KEPT = "kept";
    private static final String MODEL = "iris";

    @TempDir
    Path dir;

    @Test
    void cascadingDeletionRemovesEveryRowFileAndSeriesOfTheProjectOnly() throws Exception {
        Path data = dir.resolve("data");
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(data)
                .withFlush(100_000, Duration.ofHours(1)).withGrace(Duration.ofSeconds(1)))) {
            DriftwatchClient c = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            Instant t0 = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
            for (String p : List.of(DOOMED, KEPT)) {
                fill(c, http, p, t0);
            }
            String doomedUid = uid(DOOMED);
            String keptUid = uid(KEPT);
            Window all = new Window(t0.minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
            assertThat(server.backend().timeSeries().appResults(DOOMED, doomedUid, null, null, all.start(), all.end()))
                    .isNotEmpty();
            assertThat(server.backend().artifacts().list(DOOMED, doomedUid, null)).isNotEmpty();
            assertThat(Files.exists(data.resolve("projects").resolve(DOOMED).resolve("models"))).isTrue();
            long keptRows = server.backend().samples().read(KEPT, keptUid, all).rowCount();
            int keptResults = server.backend().timeSeries().appResults(KEPT, keptUid, null, null, all.start(),
                    all.end()).size();
            assertThat(keptRows).isEqualTo(60);

            // events still in the processor's buffer when the deletion starts
            assertThat(c.ingest(DOOMED, events(DOOMED, Instant.now().minusSeconds(10), 5)).path("accepted").asInt())
                    .isEqualTo(5);

            Http.Response refused = http.delete("/projects/" + DOOMED);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.errorMessage()).contains("deletion_strategy=cascading").contains("confirm=" + DOOMED);
            assertThat(http.delete("/projects/" + DOOMED + "?deletion_strategy=everything").status()).isEqualTo(400);
            assertThat(http.delete("/projects/" + DOOMED + "?confirm=" + KEPT).status()).isEqualTo(400);
            Http.Response deleted = http.delete("/projects/" + DOOMED + "?deletion_strategy=cascading");
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            assertThat(deleted.json().path("drained").asBoolean()).isTrue();
            assertThat(deleted.json().path("deleted").path("endpoints").asInt()).isEqualTo(1);
            assertThat(deleted.json().path("deleted").path("serving_functions").asInt()).isEqualTo(1);
            assertThat(http.get("/projects/" + DOOMED).status()).isEqualTo(404);
            assertThat(http.get("/projects").json().findValuesAsText("name")).containsExactly(KEPT);

            // no row or series left in any store
            assertThat(server.backend().endpoints().get(DOOMED, doomedUid)).isEmpty();
            assertThat(server.backend().timeSeries().predictions(DOOMED, doomedUid, all.start(), all.end())).isEmpty();
            assertThat(server.backend().timeSeries().errors(DOOMED, doomedUid, all.start(), all.end())).isEmpty();
            assertThat(server.backend().timeSeries().appResults(DOOMED, doomedUid, null, null, all.start(), all.end()))
                    .isEmpty();
            assertThat(server.backend().timeSeries().appMetrics(DOOMED, doomedUid, null, null, all.start(),
                    all.end())).isEmpty();
            assertThat(server.backend().samples().read(DOOMED, doomedUid, all).rowCount()).isZero();
            assertThat(server.backend().artifacts().list(DOOMED, doomedUid, null)).isEmpty();
            assertThat(server.backend().projects().models(DOOMED)).isEmpty();
            assertThat(server.backend().projects().monitoringSettings(DOOMED)).isEmpty();
            assertThat(server.backend().projects().applications(DOOMED)).isEmpty();
            assertThat(filesOf(data, DOOMED)).isEmpty();

            // a project of the same name starts empty
            c.createProject(DOOMED);
            assertThat(http.get("/projects/" + DOOMED + "/model-endpoints").json()).isEmpty();
            assertThat(http.get("/projects/" + DOOMED + "/models").json()).isEmpty();
            assertThat(http.get("/projects/" + DOOMED + "/model-monitoring/functions").json()).isEmpty();
            assertThat(http.get("/projects/" + DOOMED + "/alerts").json()).isEmpty();
            assertThat(http.get("/projects/" + DOOMED + "/serving-functions").json()).isEmpty();
            assertThat(http.get("/projects/" + DOOMED + "/alert-activations").json()).isEmpty();
            assertThat(http.get("/projects/" + DOOMED + "/model-monitoring/settings").json().path("enabled")
                    .asBoolean()).isFalse();
            assertThat(http.delete("/projects/" + DOOMED).status()).as("an empty project needs no confirmation")
                    .isEqualTo(200);

            // the other project is untouched
            assertThat(http.get("/projects/" + KEPT + "/model-endpoints/" + keptUid).status()).isEqualTo(200);
            assertThat(server.backend().samples().read(KEPT, keptUid, all).rowCount()).isEqualTo(keptRows);
            assertThat(server.backend().timeSeries().appResults(KEPT, keptUid, null, null, all.start(), all.end()))
                    .hasSize(keptResults);
            assertThat(server.backend().artifacts().list(KEPT, keptUid, null)).isNotEmpty();
            assertThat(http.get("/projects/" + KEPT + "/alerts").json()).hasSize(1);
            assertThat(http.get("/projects/" + KEPT + "/alert-activations").json()).isNotEmpty();
            assertThat(http.get("/projects/" + KEPT + "/models").json()).hasSize(1);
            assertThat(http.get("/projects/" + KEPT + "/serving-functions").json()).hasSize(1);
        }
        // closing flushed whatever the processor still held: nothing of the deleted project came back
        assertThat(filesOf(data, DOOMED)).isEmpty();
    }

    private static void fill(DriftwatchClient c, Http http, String p, Instant t0) throws Exception {
        c.createProject(p);
        Path modelFile = Files.writeString(Files.createTempFile("model", ".pkl"), "weights of " + p);
        c.logModel(p, MODEL, "1", "sklearn", "label", modelFile, IrisTutorialIT.csv());
        assertThat(http.post("/projects/" + p + "/model-monitoring/enable-model-monitoring?base_period=1m&min_rows=5",
                "").status()).isEqualTo(200);
        assertThat(http.post("/projects/" + p + "/serving-functions", "{\"name\":\"fn\"}").status()).isEqualTo(201);
        String template = http.get("/alert-templates/data-drift-detected").body();
        assertThat(http.put("/projects/" + p + "/alerts/drift", template).status()).isEqualTo(201);
        assertThat(c.ingest(p, events(p, t0, 60)).path("accepted").asInt()).isEqualTo(60);
        assertThat(http.post("/projects/" + p + "/events/data-drift-detected", "{\"entity\": {\"kind\": "
                + "\"model-endpoint-result\", \"project\": \"" + p + "\", \"ids\": [\"" + uid(p)
                + ".histogram-data-drift.result.general_drift\"]}, \"value_dict\": {\"model_endpoint_id\": \""
                + uid(p) + "\", \"result_value\": 0.9}}").status()).isEqualTo(202);
        awaitApplied(http, p, uid(p), t0.plusSeconds(3L * 59));
        c.runController(p);
    }

    /** Waits until the processor has applied the events up to {@code last} (the endpoint's last request). */
    static void awaitApplied(Http http, String p, String uid, Instant last) {
        await("events applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Http.Response r = http.get("/projects/" + p + "/model-endpoints/" + uid);
            return r.status() == 200 && last.toString().equals(r.json().path("status").path("last_request").asText());
        });
    }

    private static String uid(String project) {
        return EndpointId.of(project, project + "/serving", MODEL, null);
    }

    private static List<ObjectNode> events(String project, Instant t0, int n) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode e = Json.object().put("model", MODEL).put("function_uri", project + "/serving")
                    .put("when", t0.plusSeconds(3L * i).toString()).put("microsec", 100 + i);
            e.putObject("request").put("id", "r" + i).putArray("inputs").addArray().add(5.0 + i % 7 * 0.1)
                    .add(3.0).add(1.5 + i % 3 * 0.2).add(0.2);
            e.putObject("resp").put("id", "r" + i).putArray("outputs").add(i % 3);
            out.add(e);
        }
        return out;
    }

    /** Every file or folder under the data directory whose path names the project. */
    private static List<Path> filesOf(Path data, String project) throws Exception {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(f -> data.relativize(f).toString().contains(project)).toList();
        }
    }
}
