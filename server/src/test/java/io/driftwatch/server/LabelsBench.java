package io.driftwatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.engine.labels.LabelledSamples;
import io.driftwatch.server.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model-performance benchmarks of docs/benchmarks.md (not a test: run its main with the server's test class
 * path). (1) labels ingested/s over HTTP on an endpoint with 100,000 stored predictions, (2) the label join of one
 * 100,000-prediction window, (3) the backfill of one day of late labels across 100 endpoints.
 */
public final class LabelsBench {
    /** Requests of 100 rows in the big window (1,000 = 100,000 predictions); {@code -Dbench.requests}. */
    private static final int REQUESTS = Integer.getInteger("bench.requests", 1_000);
    /** Endpoints of the backfill ({@code -Dbench.endpoints}, default 100). */
    private static final int ENDPOINTS = Integer.getInteger("bench.endpoints", 100);

    private LabelsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("labels-bench");
        Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withFlush(10_000, Duration.ofMillis(200)).withGrace(Duration.ofSeconds(1)))) {
            DriftwatchClient c = DriftwatchClient.connect("http://localhost:" + server.port());
            c.createProject("bench");
            c.post("/projects/bench/model-monitoring/enable-model-monitoring?base_period=1h"
                    + "&deploy_histogram_data_drift_app=false", null);
            c.registerApp("bench", "model-performance", null, null, Map.of("min_rows", "10"));
            bigWindow(server, c, t0);
            backfill(server, c, t0);
        }
    }

    /** 100,000 predictions (1,000 requests × 100 rows) in one hour; labels for all of them; the join. */
    private static void bigWindow(Server server, DriftwatchClient c, Instant t0) throws Exception {
        String model = "big";
        for (int b = 0; b < REQUESTS / 100; b++) {
            List<ObjectNode> events = new ArrayList<>();
            for (int r = 0; r < 100; r++) {
                int req = b * 100 + r;
                events.add(event(model, "q" + req, 100, t0.plusMillis(3_000_000L / REQUESTS * req)));
            }
            c.ingest("bench", events);
        }
        c.ingest("bench", List.of(event(model, "close", 1, t0.plus(Duration.ofHours(2)))));
        String uid = EndpointId.of("bench", "bench/serving", model, null);
        awaitLast(c, uid, t0.plus(Duration.ofHours(2)));
        System.out.printf("ingested: %d predictions%n", REQUESTS * 100);
        long n = 0;
        long start = System.nanoTime();
        JsonNode last = null;
        for (int b = 0; b < REQUESTS / 100; b++) {
            List<ObjectNode> labels = new ArrayList<>();
            for (int req = b * 100; req < (b + 1) * 100; req++) {
                for (int row = 0; row < 100; row++) {
                    labels.add(Json.object().put("request_id", "q" + req).put("row", row).put("label", row % 3));
                }
            }
            last = c.sendLabels("bench", uid, labels);
            n += last.path("accepted").asLong();
        }
        double sent = (System.nanoTime() - start) / 1e9;
        Window w = Window.of(t0, Duration.ofHours(1));
        while (server.backend().timeSeries().labels("bench", uid, w.start(), w.end()).size() < REQUESTS * 100) {
            Thread.sleep(20);
        }
        double stored = (System.nanoTime() - start) / 1e9;
        System.out.printf("labels: %d accepted in %.2f s = %.0f labels/s (answered); stored after %.2f s = %.0f/s%n",
                n, sent, n / sent, stored, n / stored);
        var plain = server.backend().samples();
        var joined = new LabelledSamples(plain, server.backend().timeSeries());
        for (int i = 0; i < 3; i++) { // warm-up
            plain.read("bench", uid, w).rowCount();
            joined.read("bench", uid, w).values(LabelledSamples.LABEL_COLUMN);
        }
        long p = 0;
        long j = 0;
        for (int i = 0; i < 10; i++) {
            long s0 = System.nanoTime();
            SampleFrame f = plain.read("bench", uid, w);
            f.requestIds();
            long s1 = System.nanoTime();
            SampleFrame g = joined.read("bench", uid, w);
            g.values(LabelledSamples.LABEL_COLUMN);
            long s2 = System.nanoTime();
            p += s1 - s0;
            j += s2 - s1;
        }
        System.out.printf("join: window of %d rows: read %.1f ms, read + labels %.1f ms (join %.1f ms), mean of 10%n",
                plain.read("bench", uid, w).rowCount(), p / 10e6, j / 10e6, (j - p) / 10e6);
    }

    /** 100 endpoints × 24 hourly windows × 10 requests of 10 rows, analysed; then a day of late labels; the run. */
    private static void backfill(Server server, DriftwatchClient c, Instant t0) throws Exception {
        Instant day = t0.plus(Duration.ofDays(1));
        List<String> uids = new ArrayList<>();
        for (int e = 0; e < ENDPOINTS; e++) {
            String model = "m" + e;
            List<ObjectNode> events = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                for (int r = 0; r < 10; r++) {
                    events.add(event(model, "h" + h + "-" + r, 10, day.plus(Duration.ofHours(h)).plusSeconds(60L * r)));
                }
            }
            events.add(event(model, "close", 1, day.plus(Duration.ofHours(25))));
            c.ingest("bench", events);
            uids.add(EndpointId.of("bench", "bench/serving", model, null));
        }
        for (String uid : uids) {
            awaitLast(c, uid, day.plus(Duration.ofHours(25)));
        }
        long a0 = System.nanoTime();
        int first = c.runController("bench");
        System.out.printf("ingested: %d endpoints%n", ENDPOINTS);
        System.out.printf("first run: %d windows analysed in %.1f s%n", first, (System.nanoTime() - a0) / 1e9);
        long l0 = System.nanoTime();
        for (String uid : uids) {
            List<ObjectNode> labels = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                for (int r = 0; r < 10; r++) {
                    for (int row = 0; row < 10; row++) {
                        labels.add(Json.object().put("request_id", "h" + h + "-" + r).put("row", row)
                                .put("label", row % 3));
                    }
                }
            }
            c.sendLabels("bench", uid, labels);
        }
        double labelSecs = (System.nanoTime() - l0) / 1e9;
        String last = uids.getLast();
        while (server.backend().timeSeries().labels("bench", last, day, day.plus(Duration.ofDays(1))).size() < 2_400) {
            Thread.sleep(20);
        }
        while (server.backend().endpoints().get("bench", last).orElseThrow().status().pendingLate().isEmpty()) {
            Thread.sleep(20);
        }
        long b0 = System.nanoTime();
        int again = c.runController("bench");
        System.out.printf("backfill: %d late labels sent in %.1f s; the run analysing %d windows again took %.1f s"
                + "%n", ENDPOINTS * 2_400, labelSecs, again, (System.nanoTime() - b0) / 1e9);
    }

    private static void awaitLast(DriftwatchClient c, String uid, Instant last) throws InterruptedException {
        while (true) {
            try {
                if (last.toString().equals(c.endpoint("bench", uid, false).path("status").path("last_request")
                        .asText())) {
                    return;
                }
            } catch (RuntimeException e) {
                // not created yet
            }
            Thread.sleep(50);
        }
    }

    private static ObjectNode event(String model, String id, int rows, Instant when) {
        ObjectNode e = Json.object().put("model", model).put("function_uri", "bench/serving")
                .put("when", when.toString()).put("microsec", 900);
        ArrayNode in = e.putObject("request").put("id", id).putArray("inputs");
        ArrayNode out = e.putObject("resp").put("id", id).put("model_name", model).putArray("outputs");
        for (int r = 0; r < rows; r++) {
            in.addArray().add(r * 0.1).add(r % 7).add(1.5).add(r % 3);
            out.add(r % 3 == 0 ? (r + 1) % 3 : r % 3);
        }
        return e;
    }
}
