package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import io.driftwatch.client.Tracker;
import io.driftwatch.server.http.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTest {
    @TempDir
    Path dir;
    private ApiFixture f;
    private DriftwatchClient client;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir);
        client = DriftwatchClient.connect("http://localhost:" + f.server.port() + "/");
        client.createProject("p1");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static JsonNode event(int i) {
        return Json.object().put("model", "m").put("function_uri", "p1/fn").put("n", i);
    }

    @Test
    void trackerBatchesAndCountsAcknowledgedEvents() throws Exception {
        try (Tracker t = client.tracker("p1", 3)) {
            for (int i = 0; i < 7; i++) {
                t.track(event(i));
            }
            assertThat(t.acknowledged()).isEqualTo(6);
            assertThat(f.stream.records()).hasSize(6);
        }
        assertThat(f.stream.records()).hasSize(7);
        assertThat(Json.MAPPER.readTree(f.stream.records().get(6)).get("n").asInt()).isEqualTo(6);
    }

    @Test
    void retriesBackpressureAndReportsErrors() {
        f.stream.rejectNextAppend();
        JsonNode r = client.ingest("p1", List.of(event(1)));
        assertThat(r.path("accepted").asInt()).isEqualTo(1);
        assertThat(f.stream.records()).hasSize(1);
        assertThatThrownBy(() -> client.ingest("nope", List.of(event(1))))
                .isInstanceOfSatisfying(DriftwatchException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                })
                .hasMessageContaining("nope");
        assertThat(client.projects().findValuesAsText("name")).containsExactly("p1");
    }
}
