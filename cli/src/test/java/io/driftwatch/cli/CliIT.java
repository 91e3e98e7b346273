package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process against a running server on a free port. */
class CliIT {
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

    private static Path iris() {
        Path p = Path.of("examples/iris/iris.csv");
        return Files.exists(p) ? p : Path.of("../examples/iris/iris.csv");
    }

    @Test
    void projectModelMonitoringIngestEndpointsAndApps() throws Exception {
        assertThat(run("projects", "create", "demo").code()).isZero();
        CliRun dup = run("projects", "create", "demo");
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("409").contains("already exists");
        assertThat(run("projects", "list", "-o", "table").out()).contains("name").contains("demo");
        CliRun model = run("models", "log", "iris", "-p", "demo", "--training-set", iris().toString(),
                "--label-column", "label", "--framework", "sklearn");
        assertThat(model.code()).as(model.err()).isZero();
        assertThat(model.json().path("feature_names")).hasSize(4);
        assertThat(run("monitoring", "enable", "-p", "demo", "--base-period", "1m").json().path("enabled").asBoolean()).isTrue();
        assertThat(run("apps", "list", "-p", "demo", "-o", "table").out()).contains("histogram-data-drift");
        assertThat(run("apps", "register", "shift", "-p", "demo", "--class",
                "io.driftwatch.engine.apps.examples.PredictionMeanShiftApp").code()).isZero();
        CliRun badApp = run("apps", "register", "bad", "-p", "demo", "--class", "no.such.App");
        assertThat(badApp.code()).isEqualTo(1);
        assertThat(badApp.err()).contains("no.such.App");
        assertThat(run("apps", "remove", "shift", "-p", "demo").out()).contains("removed shift");

        Path events = dir.resolve("events.ndjson.gz");
        Instant t0 = Instant.now().minusSeconds(3600);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(events))) {
            for (int i = 0; i < 25; i++) {
                String when = t0.plusSeconds(i).toString();
                gz.write(("{\"model\":\"iris\",\"function_uri\":\"demo/serving\",\"when\":\"" + when + "\",\"microsec\":900,"
                        + "\"request\":{\"id\":\"q" + i + "\",\"inputs\":[[5.1,3.5,1.4,0.2]]},"
                        + "\"resp\":{\"id\":\"q" + i + "\",\"outputs\":[0]}}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        CliRun ingest = run("ingest", events.toString(), "-p", "demo", "--batch-size", "10");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(ingest.json().path("accepted").asInt()).isEqualTo(25);
        assertThat(ingest.json().path("requests").asInt()).isEqualTo(3);

        String uid = EndpointId.of("demo", "demo/serving", "iris", null);
        await("the endpoint is listed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> run("endpoints", "list", "-p", "demo").out().contains(uid));
        assertThat(run("endpoints", "list", "-p", "demo", "-o", "table").out()).contains("uid").contains(uid);
        JsonNode ep = run("endpoints", "get", uid, "-p", "demo", "--feature-analysis").json();
        assertThat(ep.path("features").get(0).path("name").asText()).isEqualTo("sepal_length");
        assertThat(ep.path("status").path("feature_stats").path("petal_width").path("count").asDouble()).isEqualTo(150);
        assertThat(run("controller", "run", "-p", "demo").json().has("windows")).isTrue();
        CliRun values = run("metrics", "values", uid, "-p", "demo", "--name", "demo.histogram-data-drift.result.general_drift");
        assertThat(values.code()).as(values.err()).isZero();
        assertThat(values.json().get(0).path("full_name").asText()).isEqualTo("demo.histogram-data-drift.result.general_drift");
        CliRun badName = run("metrics", "values", uid, "-p", "demo", "--name", "general_drift");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains("invalid full name");
        assertThat(run("endpoints", "delete", uid, "-p", "demo").out()).contains("deleted");
        assertThat(run("endpoints", "get", uid, "-p", "demo").err()).contains("404");
        assertThat(run("monitoring", "disable", "-p", "demo").json().path("enabled").asBoolean()).isFalse();
        JsonNode spec = run("apps", "create", "drift-tests", "-p", "demo").json();
        assertThat(spec.path("registered").asBoolean(true)).isFalse();
        assertThat(spec.path("class_name").asText()).endsWith("DriftTestsApp");
        assertThat(run("apps", "list", "-p", "demo").out()).doesNotContain("drift-tests");
        CliRun unconfirmed = run("projects", "delete", "demo");
        assertThat(unconfirmed.code()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("--yes");
        assertThat(run("projects", "list").out()).contains("demo");
        CliRun deleted = run("projects", "delete", "demo", "--yes");
        assertThat(deleted.code()).isZero();
        assertThat(deleted.json().path("name").asText()).isEqualTo("demo");
        assertThat(run("projects", "list").out()).doesNotContain("demo");
    }

    @Test
    void serveConfigRejectsUnknownKeys() throws Exception {
        Path props = dir.resolve("dw.properties");
        Files.writeString(props, "port=0\nprot=9\n");
        ServeCommand serve = new ServeCommand();
        serve.config = props;
        org.assertj.core.api.Assertions.assertThatThrownBy(serve::configuration).hasMessageContaining("prot");
        serve.config = null;
        serve.port = 9090;
        serve.basePeriod = "30s";
        assertThat(serve.configuration().port()).isEqualTo(9090);
        assertThat(serve.configuration().basePeriod()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void alertsAreDisabledAndEnabled() throws Exception {
        assertThat(run("projects", "create", "al").code()).isZero();
        assertThat(run("alerts", "put", "drift", "-p", "al", "-t", "data-drift-detected").code()).isZero();
        CliRun off = run("alerts", "disable", "drift", "-p", "al");
        assertThat(off.code()).isZero();
        assertThat(off.json().path("enabled").asBoolean(true)).isFalse();
        assertThat(run("alerts", "list", "-p", "al", "-o", "table").out()).contains("enabled").contains("false");
        assertThat(run("alerts", "enable", "drift", "-p", "al").json().path("enabled").asBoolean()).isTrue();
        assertThat(run("alerts", "enable", "nope", "-p", "al").code()).isNotZero();
    }
}
