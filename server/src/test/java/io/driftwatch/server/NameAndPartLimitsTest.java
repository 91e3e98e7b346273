package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import io.driftwatch.server.http.Multiparts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pts 7/8: names of every kind a client chooses (alerts, endpoint labels, feature and label names, training
 * set columns, applications) are at most 253 characters (400 naming the field), and every part of a multipart upload
 * is bounded by {@value Multiparts#MAX_PART_PROPERTY} (413 naming the limit).
 */
class NameAndPartLimitsTest {
    private static final String LONG = "n".repeat(254);
    private static final long PART_LIMIT = 4096;
    @TempDir
    Path dir;
    private ApiFixture f;

    @BeforeEach
    void start() {
        System.setProperty(Multiparts.MAX_PART_PROPERTY, Long.toString(PART_LIMIT));
        try {
            f = new ApiFixture(dir);
        } finally {
            System.clearProperty(Multiparts.MAX_PART_PROPERTY);
        }
        assertThat(f.http.post("/projects", "{\"name\":\"p\"}").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void namesLongerThan253AreRefusedNamingTheField() {
        String template = f.http.get("/alert-templates/data-drift-detected").body();
        Http.Response alert = f.http.put("/projects/p/alerts/" + LONG, template);
        assertThat(alert.status()).isEqualTo(400);
        assertThat(alert.errorMessage()).contains("alert name", "254", "253");
        assertThat(f.http.put("/projects/p/alerts/" + "n".repeat(253), template).status()).isEqualTo(201);

        String ep = "{\"metadata\":{\"uid\":\"e1\",\"labels\":{\"team\":\"%s\"}},\"spec\":{\"model\":\"m\","
                + "\"feature_names\":[\"a\",\"%s\"]}}";
        Http.Response label = f.http.post("/projects/p/model-endpoints", ep.formatted(LONG, "b"));
        assertThat(label.status()).isEqualTo(400);
        assertThat(label.errorMessage()).contains("metadata.labels.team");
        Http.Response labelKey = f.http.post("/projects/p/model-endpoints",
                "{\"metadata\":{\"uid\":\"e1\",\"labels\":{\"" + LONG + "\":\"x\"}},\"spec\":{\"model\":\"m\"}}");
        assertThat(labelKey.errorMessage()).contains("metadata.labels key");
        Http.Response feature = f.http.post("/projects/p/model-endpoints", ep.formatted("x", LONG));
        assertThat(feature.status()).isEqualTo(400);
        assertThat(feature.errorMessage()).contains("spec.feature_names[1]");
        assertThat(f.http.post("/projects/p/model-endpoints", ep.formatted("x", "b")).status()).isEqualTo(201);
        Http.Response patch = f.http.patch("/projects/p/model-endpoints/e1",
                "{\"spec\":{\"label_names\":[\"" + LONG + "\"]}}");
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.errorMessage()).contains("spec.label_names[0]");
        Http.Response app = f.http.post("/projects/p/model-monitoring/functions", "{\"name\":\"" + LONG + "\"}");
        assertThat(app.status()).isEqualTo(400);
        assertThat(app.errorMessage()).contains("application name");
    }

    @Test
    void trainingSetColumnsAndMultipartPartsAreBounded() throws Exception {
        DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + f.server.port());
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "a," + LONG + "\n1,2\n3,4\n");
        assertThatThrownBy(() -> client.logModel("p", "m", null, null, null, null, wide))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("400")
                .hasMessageContaining("training_set column[1]");
        Path big = dir.resolve("big.csv");
        StringBuilder rows = new StringBuilder("a,b\n");
        while (rows.length() <= 2 * PART_LIMIT) {
            rows.append("1.25,2.5\n");
        }
        Files.writeString(big, rows);
        assertThatThrownBy(() -> client.logModel("p", "m", null, null, null, null, big))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("413")
                .hasMessageContaining("limit of " + PART_LIMIT + " bytes")
                .hasMessageContaining(Multiparts.MAX_PART_PROPERTY);
        assertThat(f.http.get("/projects/p/models").body()).doesNotContain("\"m\"");
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "a,b\n1,2\n3,4\n");
        assertThat(client.logModel("p", "m", null, null, null, null, small).path("name").asText()).isEqualTo("m");
    }
}
