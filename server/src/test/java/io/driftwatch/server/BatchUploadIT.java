package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch upload of historical predictions: a backdated CSV (a drifted window, then a window of iris rows) creates the
 * endpoint and both windows are analysed by the next controller run; a Parquet file appended to the same endpoint by
 * uid adds a third (drifted) window; bad files are refused naming the problem.
 */
class BatchUploadIT {
    private static final String P = "batch-it";
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private final Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    private final String uid = EndpointId.of(P, P + "/nightly", "iris", null);

    @BeforeEach
    void start() {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(100, Duration.ofMillis(200)).withGrace(Duration.ofSeconds(1)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void backfilledFilesAreAnalysedAtOnce() throws Exception {
        client.createProject(P);
        client.logModel(P, "iris", null, "sklearn", "label", null, ServingTrackingIT.example("iris.csv"));
        client.enableMonitoring(P, "1m", true);
        List<String> iris = Files.readAllLines(ServingTrackingIT.example("iris.csv")).stream().skip(1).toList();
        List<String> csv = new ArrayList<>(List.of("timestamp,sepal_length,sepal_width,petal_length,petal_width,label"));
        for (int i = 0; i < 150; i++) {
            csv.add(t0.plusMillis(300L * i) + String.format(Locale.ROOT, ",0.5,0.5,0.%d,0.5,0", i % 10));
        }
        for (int i = 0; i < 150; i++) {
            csv.add(t0.plusSeconds(60).plusMillis(300L * i).toString().replace('T', ' ').replace("Z", "") + "," + iris.get(i));
        }
        csv.add(t0.plusSeconds(125) + "," + iris.getFirst());
        Path file = dir.resolve("history.csv");
        Files.write(file, csv);

        JsonNode r = client.uploadBatch(P, null, "nightly", "iris", file, null, null);
        assertThat(r.path("endpoint_id").asText()).isEqualTo(uid);
        assertThat(r.path("rows").asInt()).isEqualTo(301);
        assertThat(r.path("first").asText()).isEqualTo(t0.toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> rows() == 301);
        client.runController(P);
        JsonNode values = generalDrift();
        assertThat(values).hasSize(2);
        assertThat(values.get(0).get(0).asText()).isEqualTo(t0.plusSeconds(60).toString());
        assertThat(values.get(0).get(2).asInt()).isEqualTo(2);
        assertThat(values.get(1).get(2).asInt()).isZero();
        JsonNode ep = client.endpoint(P, uid, false);
        assertThat(ep.path("status").path("feature_stats").path("sepal_length").path("count").asInt()).isEqualTo(150);
        assertThat(ep.path("spec").path("model_class").asText()).isEqualTo("batch");

        Path parquet = dir.resolve("more.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t AS SELECT TIMESTAMP '" + t0.plusSeconds(120).toString().replace("T", " ").replace("Z", "")
                    + "' + i * INTERVAL 200 MILLISECOND AS ts, 7.5 AS sepal_length, 1.0 AS sepal_width, 7.0 AS petal_length,"
                    + " 0.1 AS petal_width, 2 AS label FROM range(150) r(i)");
            st.execute("INSERT INTO t VALUES (TIMESTAMP '" + t0.plusSeconds(185).toString().replace("T", " ").replace("Z", "")
                    + "', 5.0, 3.0, 1.5, 0.2, 0)");
            st.execute("COPY t TO '" + parquet + "' (FORMAT parquet)");
        }
        assertThatThrownBy(() -> client.uploadBatch(P, uid, null, null, parquet, null, null))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("no timestamp column 'timestamp'");
        assertThat(client.uploadBatch(P, uid, null, null, parquet, "ts", "label").path("rows").asInt()).isEqualTo(151);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> rows() == 452);
        client.runController(P);
        values = generalDrift();
        assertThat(values).hasSize(3);
        assertThat(values.get(2).get(0).asText()).isEqualTo(t0.plusSeconds(180).toString());
        assertThat(values.get(2).get(2).asInt()).isEqualTo(2);
        assertThat(client.endpoint(P, uid, false).path("status").path("error_count").asInt()).isZero();

        Files.writeString(dir.resolve("bad.csv"), "timestamp,a,label\nyesterday,1,0\n");
        assertThatThrownBy(() -> client.uploadBatch(P, null, "nightly", "iris", dir.resolve("bad.csv"), null, null))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("row 1: column 'timestamp' is not a time");
    }

    private JsonNode generalDrift() {
        return client.metricsValues(P, uid, List.of(P + ".histogram-data-drift.result.general_drift"),
                t0.minusSeconds(60).toString(), t0.plusSeconds(600).toString()).get(0).path("values");
    }

    private int rows() {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(client.baseUrl() + "/projects/" + P + "/model-endpoints/" + uid
                            + "/data?format=csv")).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (int) r.body().lines().count() - 1 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
