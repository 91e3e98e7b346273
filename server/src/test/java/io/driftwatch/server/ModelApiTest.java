package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import io.driftwatch.client.ValidationSetFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aRejectedUploadChangesNeitherTheModelFileNorTheRecord() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "x,y\n1.5,0\n2.5,1\n");
        Path modelFile = dir.resolve("model.onnx");
        Files.write(modelFile, new byte[] {1, 2, 3});
        var v1 = client.logModel("p1", "m", "v1", "onnx", "y", modelFile, csv);
        Path stored = Path.of(v1.path("model_path").asText());
        Path other = Files.createDirectories(dir.resolve("second")).resolve("model.onnx");
        Files.write(other, new byte[] {9, 9, 9, 9});
        Path otherCsv = dir.resolve("o.csv");
        Files.writeString(otherCsv, "a,b\n1,2\n");
        assertThatThrownBy(() -> client.logModel("p1", "m", "v1", "torch", "nope", other, otherCsv))
                .hasMessageContaining("400").hasMessageContaining("label_column 'nope'");
        Path garbage = dir.resolve("bad.parquet");
        Files.write(garbage, "PAR1 this is not parquet".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> client.logModel("p1", "m", "v1", "torch", null, other, garbage))
                .hasMessageContaining("400");
        assertThat(Files.readAllBytes(stored)).containsExactly(1, 2, 3);
        assertThat(client.get("/projects/p1/models/m?version=v1")).isEqualTo(v1);
        try (var left = Files.list(stored.getParent().getParent().getParent())) {
            assertThat(left.map(q -> q.getFileName().toString())).containsExactly("m");
        }
    }

    @Test
    void aValidationSetIsStoredWithTheModelAndARejectedOneChangesNothing() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "x,y\n1.5,0\n2.5,1\n");
        Path valid = dir.resolve("v.csv");
        Files.writeString(valid, "x,y,prediction,p0,p1\n1.5,0,0,0.8,0.2\n2.5,1,0,0.6,0.4\n3.5,,1,0.1,0.9\n");
        var m = client.logModel("p1", "m", "v1", null, "y", null, csv,
                new ValidationSetFile(valid, null, "prediction", "0:p0,1:p1"));
        assertThat(m.path("validation_set").path("label_column").asText()).isEqualTo("y");
        assertThat(m.path("validation_set").path("prediction_column").asText()).isEqualTo("prediction");
        assertThat(m.path("validation_set").path("probability_columns").asText()).isEqualTo("0:p0,1:p1");
        assertThat(m.path("validation_set").path("rows").asInt()).isEqualTo(3);
        Path rows = dir.resolve("projects/p1/models/m/v1/validation-set.ndjson");
        assertThat(Files.readAllLines(rows)).hasSize(3).first().asString()
                .isEqualTo("{\"x\":1.5,\"y\":0,\"prediction\":0,\"p0\":0.8,\"p1\":0.2}");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"x\": 1, \"label\": 1, \"prediction\": 1}]");
        assertThatThrownBy(() -> client.logModel("p1", "m", "v1", null, "y", null, csv,
                new ValidationSetFile(bad, "label", "pred", null)))
                .hasMessageContaining("400").hasMessageContaining("validation_set has no column 'pred'")
                .hasMessageContaining("prediction_column");
        assertThatThrownBy(() -> client.logModel("p1", "m", "v1", null, null, null, csv,
                new ValidationSetFile(bad, null, null, null))).hasMessageContaining("validation_label_column");
        Path unlabelled = dir.resolve("u.ndjson");
        Files.writeString(unlabelled, "{\"x\": 1, \"label\": null}\n");
        assertThatThrownBy(() -> client.logModel("p1", "m", "v1", null, "y", null, csv,
                new ValidationSetFile(unlabelled, "label", null, null))).hasMessageContaining("no row with a label");
        assertThat(client.get("/projects/p1/models/m?version=v1").path("validation_set").path("rows").asInt())
                .as("the rejected uploads changed nothing").isEqualTo(3);
        assertThat(Files.readAllLines(rows)).hasSize(3);

        client.logModel("p1", "m", "v1", null, "y", null, csv, new ValidationSetFile(bad, "label", null, null));
        assertThat(client.get("/projects/p1/models/m?version=v1").path("validation_set").path("label_column")
                .asText()).as("a JSON validation set replaces it").isEqualTo("label");
        client.logModel("p1", "m", "v1", null, "y", null, csv);
        assertThat(client.get("/projects/p1/models/m?version=v1").path("validation_set").isNull())
                .as("re-logged without one").isTrue();
        assertThat(rows).doesNotExist();
    }

    @Test
    void errorMessagesShowNoServerPath() throws Exception {
        Path garbage = dir.resolve("bad.parquet");
        Files.write(garbage, "PAR1 this is not parquet".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> client.logModel("p1", "m", "v1", null, null, null, garbage))
                .hasMessageContaining("400").hasMessageContaining("training_set")
                .hasMessageNotContaining(dir.toString()).hasMessageNotContaining(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void malformedMultipartIs400() {
        for (String type : List.of("multipart/form-data; boundary=XYZ", "multipart/form-data")) {
            for (String body : List.of("garbage", "--XYZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nm",
                    "--XYZ\r\nbroken header\r\n\r\nx\r\n--XYZ--\r\n")) {
                // a new connection each: the server may close one after a 400 on a body it did not read
                Http.Response r = new Http(f.server.port()).post("/projects/p1/models",
                        body.getBytes(StandardCharsets.UTF_8), type, null);
                assertThat(r.status()).as(type + " / " + body + " -> " + r.body()).isEqualTo(400);
                Http.Response batch = new Http(f.server.port()).post("/projects/p1/model-monitoring/batch?model=m",
                        body.getBytes(StandardCharsets.UTF_8), type, null);
                assertThat(batch.status()).as("batch " + type + " / " + body + " -> " + batch.body()).isBetween(400, 415);
            }
        }
    }
}
