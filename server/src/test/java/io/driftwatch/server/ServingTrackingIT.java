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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving with tracking inside {@code driftwatch serve}: the iris model logged with its ONNX file and training set,
 * a serving function created, given the model, tracked and deployed over REST, then invoked over the Open Inference
 * Protocol; the tracked events flow through the stream into the endpoint (feature_stats of the logged model,
 * predictions, errors, Parquet rows), and tracking off stops them.
 */
class ServingTrackingIT {
    private static final String P = "serving-it";
    private static final String FN = "iris-serving";
    private static final String MODEL = "iris";
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private final String uid = EndpointId.of(P, P + "/" + FN, MODEL, null);

    @BeforeEach
    void start() {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(50, Duration.ofMillis(200)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Path example(String name) {
        Path p = Path.of("examples/iris/" + name);
        return Files.exists(p) ? p : Path.of("../examples/iris/" + name);
    }

    @Test
    void trackedInferencesBecomeEndpointPredictionsWithTheLoggedModelsStats() throws Exception {
        client.createProject(P);
        client.logModel(P, MODEL, null, "onnx", "label", example("iris_rf.onnx"), example("iris.csv"));
        JsonNode created = client.createServingFunction(P, FN, null);
        assertThat(created.path("function_uri").asText()).isEqualTo(P + "/" + FN);
        assertThatThrownBy(() -> client.createServingFunction(P, FN, null))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> client.addServingModel(P, FN, "nope", null, null))
                .isInstanceOf(DriftwatchException.class).hasMessageContaining("'nope' is not logged");
        JsonNode withModel = client.addServingModel(P, FN, MODEL, null, null);
        assertThat(withModel.path("models").get(0).path("model_file").asText()).endsWith(".onnx");
        client.setTracking(P, FN, true, 1.0);
        JsonNode deployed = client.deployServingFunction(P, FN);
        assertThat(deployed.path("deployed").asBoolean()).isTrue();
        assertThat(client.servingFunctions(P).size()).isOne();
        assertThat(client.servingFunctions(P).get(0).path("name").asText()).isEqualTo(FN);

        JsonNode ep = client.endpoint(P, uid, false);
        assertThat(ep.path("spec").path("label_names").toString())
                .isEqualTo("[\"label\",\"probabilities_0\",\"probabilities_1\",\"probabilities_2\"]");

        List<String> rows = Files.readAllLines(example("iris.csv")).stream().skip(1).limit(20).toList();
        for (String row : rows) {
            String features = row.substring(0, row.lastIndexOf(','));
            JsonNode answer = client.invoke(P + "/" + FN, "v2/models/" + MODEL + "/infer",
                    "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[" + features + "]}]}");
            assertThat(answer.path("model_name").asText()).isEqualTo(MODEL);
        }
        // a batch of two rows is two predictions
        client.invoke(P + "/" + FN, "v2/models/" + MODEL + "/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,4],"
                + "\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2,6.3,3.3,6.0,2.5]}]}");
        // a request the model refuses is a tracked error
        assertThatThrownBy(() -> client.invoke(P + "/" + FN, "v2/models/" + MODEL + "/infer",
                "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}"))
                .isInstanceOf(DriftwatchException.class);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> dataRows() == 22 && client.endpoint(P, uid, false).path("status").path("error_count").asInt() == 1);
        JsonNode after = client.endpoint(P, uid, false);
        assertThat(after.path("status").path("feature_stats").path("sepal_length").path("count").asDouble()).isEqualTo(150);
        assertThat(after.path("spec").path("feature_names").toString())
                .isEqualTo("[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]");
        assertThat(after.path("spec").path("monitoring_mode").asText()).isEqualTo("enabled");
        assertThat(after.path("status").path("metrics").path("generic").path("predictions_count_5m").asInt())
                .isEqualTo(22);
        assertThat(client.endpoints(P, Map.of()).size()).isEqualTo(1);
        JsonNode tracker = client.get("/serving/tracker");
        assertThat(tracker.path("delivered").asLong()).isEqualTo(22);
        assertThat(tracker.path("dropped").asLong()).isZero();

        client.setTracking(P, FN, false, 1.0);
        client.invoke(P + "/" + FN, "v2/models/" + MODEL + "/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}");
        // tracking is off: no new row may arrive while the invocation's event would have gone through the pipeline
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).until(() -> dataRows() == 22);
        assertThat(client.endpoint(P, uid, false).path("spec").path("monitoring_mode").asText()).isEqualTo("disabled");
        client.delete("/projects/" + P + "/serving-functions/" + FN);
        assertThat(client.servingFunctions(P).size()).isZero();
    }

    private int dataRows() {
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(client.baseUrl() + "/projects/" + P + "/model-endpoints/" + uid
                                    + "/data?format=csv")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (int) r.body().lines().count() - 1 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
