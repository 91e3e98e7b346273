package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 pt 3 through the CLI: {@code endpoints drift} over two backdated days (iris, then drifted rows) prints the
 * API's answer (JSON), a per-feature table, a daily series against the previous day, and refuses a bad granularity
 * naming it.
 */
class DriftCliIT {
    private static final String P = "drift-cli";
    @TempDir
    Path dir;

    @Test
    void driftOverARangeAndPerDay() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(500, Duration.ofMillis(200)))) {
            String url = "http://localhost:" + server.port();
            DriftwatchClient client = DriftwatchClient.connect(url);
            client.createProject(P);
            Path iris = Path.of(Files.exists(Path.of("examples/iris/iris.csv")) ? "examples/iris/iris.csv"
                    : "../examples/iris/iris.csv");
            client.logModel(P, "iris", null, "sklearn", "label", null, iris);
            List<String> rows = Files.readAllLines(iris).stream().skip(1).toList();
            Instant t0 = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS);
            List<String> csv = new ArrayList<>(List.of("timestamp,sepal_length,sepal_width,petal_length,petal_width,label"));
            for (int i = 0; i < 2 * 24 * 10; i++) {
                csv.add(t0.plus(Duration.ofMinutes(6L * i)) + "," + (i < 240 ? rows.get(i % 150) : "7.5,2.0,6.9,0.4,1"));
            }
            client.uploadBatch(P, null, "nightly", "iris", Files.write(dir.resolve("two-days.csv"), csv), null, null);
            String uid = EndpointId.of(P, P + "/nightly", "iris", null);
            String start = t0.toString();
            String end = t0.plus(Duration.ofDays(2)).toString();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.drift(P, uid, start, end, null).path("rows").asInt() == 480);

            CliRun json = run(url, "endpoints", "drift", uid, "-p", P, "--start", start, "--end", end);
            assertThat(json.code()).as(json.err()).isZero();
            assertThat(Output.MAPPER.readTree(json.out())).isEqualTo(client.drift(P, uid, start, end, null));
            CliRun table = run(url, "endpoints", "drift", uid, "-p", P, "--start", start, "--end", end, "-o", "table");
            assertThat(table.code()).as(table.err()).isZero();
            assertThat(table.out()).contains("480 rows", "vs reference", "sepal_length", "hellinger");
            CliRun series = run(url, "endpoints", "drift", uid, "-p", P, "--start", start, "--end", end,
                    "--granularity", "day", "--baseline", "previous");
            assertThat(series.code()).as(series.err()).isZero();
            JsonNode points = Output.MAPPER.readTree(series.out()).path("points");
            assertThat(points).hasSize(2);
            assertThat(points.get(0).path("status").asText()).as("day 0 has no previous day").isEqualTo("irrelevant");
            assertThat(points.get(1).path("status").asText()).isEqualTo("detected");
            CliRun bad = run(url, "endpoints", "drift", uid, "-p", P, "--granularity", "month");
            assertThat(bad.code()).isNotZero();
            assertThat(bad.err()).contains("unknown granularity 'month'");
        }
    }

    private static CliRun run(String url, String... args) {
        return CliRun.at(url, args);
    }
}
