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
 * {@code GET …/{uid}/data} of an endpoint whose rows are not flushed to Parquet yet answers 200 with an empty result
 * in the requested format (it answered 500, DuckDB "No files found", before).
 */
class UnflushedDataIT {
    @TempDir
    Path dir;

    @Test
    void dataOfAnEndpointWithoutStoredRowsIsEmptyInEveryFormat() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withFlush(10_000, Duration.ofHours(1)))) {
            DriftwatchClient c = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            c.createProject("p");
            String event = "{\"model\":\"m\",\"function_uri\":\"p/fn\",\"when\":\"" + Instant.now() + "\","
                    + "\"microsec\":5,\"request\":{\"id\":\"1\",\"inputs\":[[1.0,2.0]]},\"resp\":{\"id\":\"1\","
                    + "\"outputs\":[1]}}";
            assertThat(http.post("/projects/p/model-monitoring/stream", event).status()).isEqualTo(202);
            String uid = EndpointId.of("p", "p/fn", "m", null);
            String path = "/projects/p/model-endpoints/" + uid;
            // the processor has created the endpoint, rows still buffered
            await("the endpoint is created").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get(path).status() == 200);
            Http.Response json = http.get(path + "/data?format=json");
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.json().isArray()).isTrue();
            assertThat(json.json()).isEmpty();
            Http.Response csv = http.get(path + "/data?format=csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.body().lines().toList()).containsExactly("timestamp,endpoint_id,request_id,latency,labels");
            Http.Response parquet = http.get(path + "/data");
            assertThat(parquet.status()).isEqualTo(200);
            assertThat(parquet.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .contains("parquet"));
            assertThat(parquet.body()).startsWith("PAR1").endsWith("PAR1");
        }
    }
}
