package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during concurrent ingest: after a restart on the same data directory every acknowledged (202) event is
 * in the endpoint's Parquet rows exactly once, nothing is duplicated, and the processor's prediction count agrees.
 */
class CrashIT {
    private static final String P = "crash";
    @TempDir
    Path dir;

    @Test
    void acknowledgedEventsSurviveSigkillExactlyOnce() throws Exception {
        Path data = dir.resolve("data");
        Process child = startChild(data, dir.resolve("port1"));
        DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + readPort(dir.resolve("port1")));
        client.createProject(P);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(Thread.ofVirtual().start(() -> ingestUntilFailure(client, writer, acked, sent)));
        }
        await("3000 acknowledged events").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> acked.size() >= 3000);
        child.destroyForcibly().waitFor();
        for (Thread t : writers) {
            t.join();
        }
        assertThat(acked.size()).isGreaterThanOrEqualTo(3000);

        Process again = startChild(data, dir.resolve("port2"));
        try {
            DriftwatchClient c2 = DriftwatchClient.connect("http://localhost:" + readPort(dir.resolve("port2")));
            Map<String, Integer> rows = awaitRows(c2, acked);
            for (String id : acked) {
                assertThat(rows.get(id)).as("acknowledged request " + id).isEqualTo(1);
            }
            assertThat(rows.values()).allMatch(n -> n == 1);
            assertThat(rows.size()).isLessThanOrEqualTo(sent.get());
            long count1h = c2.endpoint(P, uid(), false).path("status").path("metrics").path("generic")
                    .path("predictions_count_1h").asLong();
            assertThat(count1h).isEqualTo(rows.size());
        } finally {
            again.destroyForcibly().waitFor();
        }
    }

    private static String uid() {
        return EndpointId.of(P, P + "/fn", "m", null);
    }

    private static void ingestUntilFailure(DriftwatchClient client, int writer, Set<String> acked, AtomicInteger sent) {
        for (int batch = 0; ; batch++) {
            List<ObjectNode> events = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "w" + writer + "-" + batch + "-" + i;
                ids.add(id);
                events.add(event(id));
            }
            sent.addAndGet(events.size());
            try {
                client.ingest(P, events);
            } catch (UncheckedIOException | DriftwatchException e) {
                return;
            }
            acked.addAll(ids);
        }
    }

    private static ObjectNode event(String id) {
        Instant now = Instant.now();
        ObjectNode e = Json.object().put("model", "m").put("function_uri", P + "/fn").put("when", now.toString())
                .put("microsec", 1000).put("op", "infer");
        e.putObject("request").put("id", id).putArray("inputs").addArray().add(1.5).add(2.5);
        e.putObject("resp").put("id", id).putArray("outputs").add(1);
        return e;
    }

    /**
     * Request id → number of Parquet rows, once every acknowledged id is present (or 90 s passed) and the rows have
     * stopped changing for 1.5 s (so that a duplicate still on its way would show).
     */
    private static Map<String, Integer> awaitRows(DriftwatchClient c, Set<String> acked) {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> rows(c).keySet().containsAll(acked));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> last.getAndSet(rows(c)).equals(last.get()));
        } catch (ConditionTimeoutException e) {
            // the caller's assertions name what is missing
        }
        return rows(c);
    }

    private static Map<String, Integer> rows(DriftwatchClient c) {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(c.baseUrl() + "/projects/" + P
                                    + "/model-endpoints/" + uid() + "/data?format=csv")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                return Map.of();
            }
            Map<String, Integer> counts = new HashMap<>();
            List<String> lines = r.body().toList();
            int col = List.of(lines.getFirst().split(",")).indexOf("request_id");
            for (String l : lines.subList(1, lines.size())) {
                counts.merge(l.split(",")[col].replace("\"", ""), 1, Integer::sum);
            }
            return counts;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private static Process startChild(Path data, Path portFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ServerMain.class.getName(), data.toString(), portFile.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(portFile.getFileName() + ".log").toFile()).start();
    }

    private static int readPort(Path portFile) throws Exception {
        await("the child server writes its port").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(portFile));
        return Integer.parseInt(Files.readString(portFile).trim());
    }
}
