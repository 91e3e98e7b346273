package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller run right after ingest, with the production flush settings (10,000 rows or 60 s): the endpoint
 * record already shows the window closed while its rows are still in the processor's buffer. The run must wait for
 * them (the {@code SampleBarrier}): before, it analysed an empty window, advanced {@code last_analyzed} past it and
 * the window never got a result.
 */
class ControllerAfterIngestIT {
    private static final String P = "p";
    private static final String MODEL = "iris-model";
    @TempDir
    Path dir;

    @Test
    void aRunRightAfterIngestAnalysesEveryAcknowledgedRow() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            client.createProject(P);
            client.logModel(P, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
            client.enableMonitoring(P, "1m", true);
            List<double[]> rows = Files.readAllLines(IrisTutorialIT.csv()).stream().skip(1)
                    .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toList();
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            List<ObjectNode> events = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                events.add(event(rows.get(i), t0.plusMillis(300L * i), "r" + i));
            }
            Instant closeAt = t0.plusSeconds(200);
            events.add(event(rows.getFirst(), closeAt, "close"));
            assertThat(client.ingest(P, events).path("accepted").asInt()).isEqualTo(151);
            String uid = EndpointId.of(P, P + "/serving", MODEL, null);
            await("the processor applied the events").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> lastRequest(client, uid).equals(closeAt.toString()));

            client.runController(P);

            JsonNode values = client.metricsValues(P, uid, List.of(P + ".histogram-data-drift.result.general_drift"),
                    null, null).get(0).path("values");
            assertThat(values).as("one result, for the window [t0, t0+1m) that holds the 150 rows").hasSize(1);
            assertThat(values.get(0).get(0).asText()).isEqualTo(t0.plusSeconds(60).toString());
            JsonNode current = client.endpoint(P, uid, false).path("status").path("current_stats");
            assertThat(current.path("sepal_length").path("count").asDouble()).as("rows in the first window")
                    .isEqualTo(150.0);
        }
    }

    private static String lastRequest(DriftwatchClient client, String uid) {
        try {
            return client.endpoint(P, uid, false).path("status").path("last_request").asText();
        } catch (RuntimeException e) { // not created yet
            return "";
        }
    }

    private static ObjectNode event(double[] row, Instant when, String id) {
        ObjectNode e = Json.object();
        e.put("model", MODEL).put("function_uri", P + "/serving").put("when", when.toString()).put("microsec", 900);
        var inputs = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (int i = 0; i < 4; i++) {
            inputs.add(row[i]);
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs").add((int) row[4]);
        return e;
    }
}
