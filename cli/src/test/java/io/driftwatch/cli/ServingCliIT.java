package io.driftwatch.cli;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import io.driftwatch.client.DriftwatchClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftwatch serving …} and {@code driftwatch invoke} in-process against a running server. */
class ServingCliIT {
    @TempDir
    Path dir;
    private Server server;
    private String url;

    @BeforeEach
    void start() {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(100, Duration.ofMillis(200)));
        url = "http://localhost:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        return CliRun.at(url, args);
    }

    @Test
    void createServeTrackAndInvoke() {
        Path examples = Files.exists(Path.of("examples/iris")) ? Path.of("examples/iris") : Path.of("../examples/iris");
        DriftwatchClient client = DriftwatchClient.connect(url);
        client.createProject("cli");
        client.logModel("cli", "iris", null, "onnx", "label", examples.resolve("iris_rf.onnx"),
                examples.resolve("iris.csv"));
        assertThat(run("serving", "create", "iris-serving", "-p", "cli").code()).isZero();
        CliRun bad = run("serving", "add-model", "iris-serving", "unknown", "-p", "cli");
        assertThat(bad.code()).isOne();
        assertThat(bad.err()).contains("'unknown' is not logged");
        assertThat(run("serving", "add-model", "iris-serving", "iris", "-p", "cli").out()).contains("iris_rf.onnx");
        assertThat(run("serving", "tracking", "iris-serving", "--sample-rate", "0.5", "-p", "cli").out())
                .contains("\"sample_rate\" : 0.5");
        assertThat(run("serving", "deploy", "iris-serving", "-p", "cli").out()).contains("\"deployed\" : true");
        CliRun table = run("serving", "list", "-p", "cli", "-o", "table");
        assertThat(table.out()).contains("cli/iris-serving").contains("/serving/cli/iris-serving");
        CliRun inv = run("invoke", "cli/iris-serving", "v2/models/iris/infer",
                "{\"id\":\"q1\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[6.3,3.3,6.0,2.5]}]}");
        assertThat(inv.code()).as(inv.err()).isZero();
        assertThat(inv.out()).contains("\"model_name\" : \"iris\"").contains("\"id\" : \"q1\"");
        assertThat(run("invoke", "cli/iris-serving", "v2/health/ready").out()).contains("\"ready\" : true");
        CliRun missing = run("invoke", "cli/none", "v2/health/ready");
        assertThat(missing.code()).isOne();
        assertThat(missing.err()).contains("not deployed");
        assertThat(run("serving", "delete", "iris-serving", "-p", "cli").out()).contains("deleted cli/iris-serving");
    }

    @Test
    void theTutorialLoopRunsUnchangedThroughInvoke() throws Exception {
        Path examples = Files.exists(Path.of("examples/iris")) ? Path.of("examples/iris") : Path.of("../examples/iris");
        DriftwatchClient client = DriftwatchClient.connect(url);
        client.createProject("tut");
        client.logModel("tut", "iris", null, "onnx", "label", examples.resolve("iris_rf.onnx"),
                examples.resolve("iris.csv"));
        client.createServingFunction("tut", "serving", null);
        client.addServingModel("tut", "serving", "iris", null, null);
        client.setTracking("tut", "serving", true, 1.0);
        client.deployServingFunction("tut", "serving");
        for (int i = 0; i < 150; i++) {
            CliRun r = run("invoke", "tut/serving", "v2/models/iris/infer", "{\"inputs\": [[0.5, 0.5, 0.5, 0.5]]}");
            assertThat(r.code()).as(r.err()).isZero();
        }
        List<String> iris = Files.readAllLines(examples.resolve("iris.csv")).stream().skip(1).toList();
        CliRun last = null;
        for (int i = 0; i < 150; i++) {
            String row = iris.get(i);
            last = run("invoke", "tut/serving", "v2/models/iris/infer",
                    "{\"inputs\": [[" + row.substring(0, row.lastIndexOf(',')) + "]]}");
            assertThat(last.code()).as(last.err()).isZero();
        }
        assertThat(last.out()).contains("\"model_name\" : \"iris\"").contains("\"outputs\"").contains("\"timestamp\"");
        String uid = EndpointId.of("tut", "tut/serving", "iris", null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> client.endpoint("tut",
                uid, false).path("status").path("metrics").path("generic").path("predictions_count_5m").asInt() >= 300);
        JsonNode ep = client.endpoint("tut", uid, false);
        assertThat(ep.path("status").path("metrics").path("generic").path("predictions_count_5m").asInt()).isEqualTo(300);
        assertThat(ep.path("status").path("error_count").asInt()).isZero();
    }
}
