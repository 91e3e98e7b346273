package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelApiTest {
    @TempDir
    Path dir;
    private ApiFixture f;
    private DriftwatchClient client;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir);
        f.http.post("/projects", "{\"name\":\"p1\"}");
        client = DriftwatchClient.connect("http://localhost:" + f.server.port());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void logsModelWithVersionsAndStoresFiles() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "x,colour,y\n1.5,red,0\n2.5,blue,1\n3.5,red,1\n");
        Path modelFile = dir.resolve("model.onnx");
        Files.write(modelFile, new byte[] {1, 2, 3});
        var m = client.logModel("p1", "m", "v1", "onnx", "y", modelFile, csv);
        assertThat(m.path("feature_names").toString()).isEqualTo("[\"x\",\"colour\"]");
        assertThat(m.path("label_names").toString()).isEqualTo("[\"y\"]");
        assertThat(m.path("feature_stats").path("x").path("hist").get(0)).hasSize(20);
        assertThat(m.path("feature_stats").path("colour").path("top").asText()).isEqualTo("red");
        assertThat(Files.readAllBytes(Path.of(m.path("model_path").asText()))).containsExactly(1, 2, 3);
        client.logModel("p1", "m", "v2", "onnx", null, null, csv);
        assertThat(client.get("/projects/p1/models")).hasSize(2);
        assertThat(client.get("/projects/p1/models/m?version=v1").path("version").asText()).isEqualTo("v1");
    }

    @Test
    void badUploadsAre4xxNamingTheProblem() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        assertThatThrownBy(() -> client.logModel("p1", "m", null, null, "nope", null, csv))
                .hasMessageContaining("label_column 'nope'");
        assertThatThrownBy(() -> client.logModel("p1", "bad name", null, null, null, null, csv))
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> client.logModel("p1", "m", null, null, null, null, null))
                .hasMessageContaining("training_set");
        Path empty = dir.resolve("e.csv");
        Files.writeString(empty, "a,b\n");
        assertThatThrownBy(() -> client.logModel("p1", "m", null, null, null, null, empty))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("400");
        assertThatThrownBy(() -> client.logModel("zz", "m", null, null, null, null, csv)).hasMessageContaining("404");
        Http.Response json = f.http.post("/projects/p1/models", "{\"name\":\"m\"}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.errorMessage()).contains("multipart/form-data");
    }
}
