package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.retention.RetentionJob;
import io.driftwatch.server.http.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --retention} over HTTP, on a server driven by a test clock: rows in Parquet, predictions, results and
 * artifacts older than the retention period are deleted by a retention run, newer ones stay; moving the clock past
 * the newer ones deletes them too.
 */
class RetentionIT {
    private static final String P = "ret";
    private static final String MODEL = "iris";
    private static final String UID = EndpointId.of(P, P + "/serving", MODEL, null);
    private static final String RESULT = P + ".histogram-data-drift.result.general_drift";

    @TempDir
    Path dir;

    @Test
    void aRetentionRunDeletesWhatIsOlderThanTheLimitAndKeepsTheRest() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
        MutableClock clock = new MutableClock(now);
        Instant old = now.minus(Duration.ofHours(5));
        Instant recent = now.minus(Duration.ofMinutes(50));
        Instant cutoff = now.minus(Duration.ofHours(2));
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withRetention(Duration.ofHours(2)).withGrace(Duration.ofSeconds(1)), clock)) {
            assertThat(server.retention().retention()).isEqualTo(Duration.ofHours(2));
            DriftwatchClient c = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            c.createProject(P);
            c.logModel(P, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
            assertThat(http.post("/projects/" + P + "/model-monitoring/enable-model-monitoring?base_period=30m"
                    + "&min_rows=5", "").status()).isEqualTo(200);
            List<ObjectNode> events = new ArrayList<>(events(old, 10));
            events.addAll(events(recent, 12));
            events.addAll(events(now.minus(Duration.ofMinutes(5)), 3)); // event time closes the recent window
            assertThat(c.ingest(P, events).path("accepted").asInt()).isEqualTo(25);
            ProjectDeletionIT.awaitApplied(http, P, UID, now.minus(Duration.ofMinutes(5)).plusSeconds(10));
            c.runController(P);
            String range = "start=" + now.minus(Duration.ofHours(6)) + "&end=" + now;
            assertThat(csvRows(http, range)).isEqualTo(25);
            List<Instant> ends = windowEnds(http, range);
            assertThat(ends).anyMatch(e -> e.isBefore(cutoff)).anyMatch(e -> !e.isBefore(cutoff));
            assertThat(server.backend().artifacts().list(P, UID, null)).anyMatch(k -> k.windowEnd().isBefore(cutoff));

            RetentionJob.Outcome first = server.retention().runOnce().orElseThrow();
            assertThat(first.cutoff()).isEqualTo(cutoff);
            assertThat(first.failures()).isZero();
            assertThat(first.seriesRows()).isPositive();
            assertThat(first.sampleUnits()).isPositive();
            assertThat(csvRows(http, range)).isEqualTo(15);
            assertThat(server.backend().timeSeries().predictions(P, UID, old.minusSeconds(1), now))
                    .allMatch(p -> !p.time().isBefore(cutoff)).hasSize(15);
            List<Instant> kept = windowEnds(http, range);
            assertThat(kept).isNotEmpty().allMatch(e -> !e.isBefore(cutoff));
            assertThat(kept).containsExactlyElementsOf(ends.stream().filter(e -> !e.isBefore(cutoff)).toList());
            assertThat(server.backend().artifacts().list(P, UID, null)).allMatch(k -> !k.windowEnd().isBefore(cutoff));
            assertThat(http.get("/projects/" + P + "/model-endpoints/" + UID).status()).isEqualTo(200);

            clock.advance(Duration.ofDays(1));
            RetentionJob.Outcome second = server.retention().runOnce().orElseThrow();
            assertThat(second.seriesRows()).isPositive();
            assertThat(csvRows(http, range)).isZero();
            assertThat(windowEnds(http, range)).isEmpty();
            assertThat(server.backend().timeSeries().predictions(P, UID, old.minusSeconds(1), now)).isEmpty();
            assertThat(server.backend().artifacts().list(P, UID, null)).isEmpty();
        }
    }

    private static int csvRows(Http http, String range) {
        Http.Response r = http.get("/projects/" + P + "/model-endpoints/" + UID + "/data?format=csv&" + range);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (int) r.body().lines().count() - 1;
    }

    private static List<Instant> windowEnds(Http http, String range) {
        Http.Response r = http.get("/projects/" + P + "/model-endpoints/" + UID + "/metrics-values?name=" + RESULT
                + "&" + range);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Instant> out = new ArrayList<>();
        for (JsonNode v : r.json().path(0).path("values")) {
            out.add(Instant.parse(v.get(0).asText()));
        }
        return out;
    }

    private static List<ObjectNode> events(Instant t0, int n) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode e = Json.object().put("model", MODEL).put("function_uri", P + "/serving")
                    .put("when", t0.plusSeconds(5L * i).toString()).put("microsec", 100 + i);
            e.putObject("request").put("id", "r" + i).putArray("inputs").addArray().add(5.0 + i % 7 * 0.1)
                    .add(3.0).add(1.5 + i % 3 * 0.2).add(0.2);
            e.putObject("resp").put("id", "r" + i).putArray("outputs").add(i % 3);
            out.add(e);
        }
        return out;
    }
}
