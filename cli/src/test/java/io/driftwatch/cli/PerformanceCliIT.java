package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 through the CLI: {@code models log --validation-set}, {@code labels send}, and {@code endpoints
 * performance} listing per window the realized accuracy, its status against the validation set's, and the coverage.
 */
class PerformanceCliIT {
    private static final String P = "perf-cli";
    private static final String MODEL = "iris";
    @TempDir
    Path dir;

    @Test
    void logWithAValidationSetSendLabelsAndListPerformancePerWindow() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(100, Duration.ofMillis(200)))) {
            String url = "http://localhost:" + server.port();
            DriftwatchClient client = DriftwatchClient.connect(url);
            List<String> iris = Files.readAllLines(iris()).stream().skip(1).toList();
            StringBuilder validation = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,label,truth\n");
            for (int i = 0; i < iris.size(); i++) {
                int y = Integer.parseInt(iris.get(i).substring(iris.get(i).lastIndexOf(',') + 1));
                validation.append(iris.get(i)).append(',').append(i % 10 == 0 ? (y + 1) % 3 : y).append('\n');
            }
            Path v = Files.writeString(dir.resolve("validation.csv"), validation.toString());
            assertThat(run(url, "projects", "create", P).code()).isZero();
            CliRun logged = run(url, "models", "log", MODEL, "-p", P, "--training-set", iris().toString(),
                    "--label-column", "label", "--validation-set", v.toString(), "--validation-label-column", "truth",
                    "--prediction-column", "label");
            assertThat(logged.code()).as(logged.err()).isZero();
            assertThat(logged.out()).contains("\"rows\" : 150").contains("\"label_column\" : \"truth\"");
            client.enableMonitoring(P, "1m", false);
            client.registerApp(P, "model-performance", null, null, Map.of("min_rows", "10"));

            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            List<ObjectNode> events = new ArrayList<>();
            StringBuilder labels = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                String row = iris.get(i * 5);
                int y = Integer.parseInt(row.substring(row.lastIndexOf(',') + 1));
                events.add(event(row.substring(0, row.lastIndexOf(',')), y, "r" + i, t0.plusSeconds(i)));
                labels.append("{\"request_id\": \"r").append(i).append("\", \"label\": ")
                        .append(i < 3 ? (y + 1) % 3 : y).append("}\n");
            }
            // The labels are in before the event that closes the window, so no scheduled run can analyse the window
            // without them (a window that ended before label_delay is not analysed again for late labels).
            client.ingest(P, events);
            String uid = EndpointId.of(P, P + "/serving", MODEL, null);
            Instant last = t0.plusSeconds(29);
            awaitLastRequest(client, uid, last);
            Path file = Files.writeString(dir.resolve("labels.ndjson"), labels.toString());
            CliRun sent = run(url, "labels", "send", uid, file.toString(), "-p", P);
            assertThat(sent.code()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("30");
            Instant close = t0.plus(Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(30)).until(() -> server.backend().timeSeries()
                    .labels(P, uid, t0, close).size() == 30);
            client.ingest(P, List.of(event("5.1,3.5,1.4,0.2", 0, "close", close)));
            awaitLastRequest(client, uid, close);
            client.runController(P);

            CliRun perf = run(url, "endpoints", "performance", uid, "-p", P);
            assertThat(perf.code()).as(perf.err()).isZero();
            JsonNode rows = Output.MAPPER.readTree(perf.out());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).path("window_end").asText()).isEqualTo(t0.plus(Duration.ofMinutes(1)).toString());
            assertThat(rows.get(0).path("realized").asDouble()).isEqualTo(0.9);
            assertThat(rows.get(0).path("status").asText()).as("0.9 against the validation set's 0.9")
                    .isEqualTo("no_detection");
            assertThat(rows.get(0).path("coverage").asDouble()).isEqualTo(1.0);
            assertThat(rows.get(0).has("estimated")).as("no probabilities: no estimate").isFalse();
            CliRun table = run(url, "endpoints", "performance", uid, "-p", P, "-o", "table");
            assertThat(table.out().lines().toList()).hasSize(2);
            assertThat(table.out()).contains("realized").contains("coverage").contains("0.9").contains("no_detection");
        }
    }

    private static void awaitLastRequest(DriftwatchClient client, String uid, Instant t) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> t
                .toString().equals(client.endpoint(P, uid, false).path("status").path("last_request").asText()));
    }

    private static CliRun run(String url, String... args) {
        return CliRun.at(url, args);
    }

    private static ObjectNode event(String features, int prediction, String id, Instant when) {
        ObjectNode e = Output.MAPPER.createObjectNode().put("model", MODEL).put("function_uri", P + "/serving")
                .put("when", when.toString()).put("microsec", 900);
        var in = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (String f : features.split(",")) {
            in.add(Double.parseDouble(f));
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs").add(prediction);
        return e;
    }

    private static Path iris() {
        Path p = Path.of("examples/iris/iris.csv");
        return Files.exists(p) ? p : Path.of("../examples/iris/iris.csv");
    }
}
