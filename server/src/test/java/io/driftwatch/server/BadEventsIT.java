package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field-level problems pass ingest (202) and are counted by the stream processor in the endpoint's error_count
 * (DESIGN.md §3); structurally bad bodies are 4xx; good events around them are processed normally.
 */
class BadEventsIT {
    @TempDir
    Path dir;

    @Test
    void fieldErrorsAreCountedAndTheServerKeepsServing() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withFlush(10, Duration.ofMillis(200)))) {
            DriftwatchClient c = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            c.createProject("p");
            String now = Instant.now().toString();
            String good = "{\"model\":\"m\",\"function_uri\":\"p/fn\",\"when\":\"" + now + "\",\"microsec\":5,"
                    + "\"request\":{\"id\":\"1\",\"inputs\":[[1.0,2.0]]},\"resp\":{\"id\":\"1\",\"outputs\":[1]}}";
            String noWhen = good.replace("\"when\":\"" + now + "\",", "");
            String noOutputs = good.replace("\"outputs\":[1]", "\"x\":1");
            String badWhen = good.replace(now, "yesterday");
            assertThat(http.post("/projects/p/model-monitoring/stream", "[" + good + "," + noWhen + "," + noOutputs + ","
                    + badWhen + "]").status()).isEqualTo(202);
            assertThat(http.post("/projects/p/model-monitoring/stream", good.replace("5,", "NaN,")).status()).isEqualTo(400);
            assertThat(http.post("/projects/p/model-monitoring/stream", "[" + good + ",").status()).isEqualTo(400);
            assertThat(http.post("/projects/p/model-monitoring/stream", good).status()).isEqualTo(202);
            String uid = EndpointId.of("p", "p/fn", "m", null);
            await("error_count reaches 3").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    http.get("/projects/p/model-endpoints/" + uid).json().path("status").path("error_count").asLong() >= 3);
            var status = http.get("/projects/p/model-endpoints/" + uid).json().path("status");
            assertThat(status.path("error_count").asLong()).isEqualTo(3);
            await("the good rows are stored").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.get("/projects/p/model-endpoints/" + uid + "/data?format=csv").body().lines()
                            .count() >= 3);
            assertThat(http.get("/projects/p/model-endpoints/" + uid + "/data?format=csv").body().lines().count())
                    .isEqualTo(3);
            assertThat(http.get("/healthz").status()).isEqualTo(200);
        }
    }
}
