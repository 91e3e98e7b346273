package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.StreamProvider;
import io.driftwatch.engine.port.EventStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest on a Kafka stream whose broker cannot be reached (the real client, pointed at a port nobody listens on):
 * 503 with Retry-After and a JSON error naming the stream, its secrets masked; nothing acknowledged.
 */
class IngestStreamUnavailableTest {
    private static final String EVENT = "{\"model\":\"m\",\"function_uri\":\"p1/fn\",\"when\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    @TempDir
    Path dir;
    private BackendContext context;
    private ApiServer server;
    private Http http;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        context = new BackendContext(Clock.systemUTC(), dir, Map.of("kafka-timeout-ms", "1500",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"dw\" password=\"hunter2\";"));
        BackendUri uri = BackendUri.parse("kafka://127.0.0.1:" + port);
        EventStream stream = BackendLoader.standard().provider(StreamProvider.class, BackendKind.STREAM, uri)
                .open(uri, context);
        FakeProjects projects = new FakeProjects();
        projects.createProject("p1");
        Backend b = new Backend(Clock.systemUTC(), projects, null, null, null, null, stream, null, null);
        server = ApiServer.start(b, ServerConfig.defaults().withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        context.close();
    }

    @Test
    void anUnreachableBrokerIs503WithRetryAfterNamingTheStreamWithoutItsSecrets() {
        Http.Response r = http.post("/projects/p1/model-monitoring/stream", EVENT);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("stream_unavailable");
        assertThat(r.errorMessage()).contains("kafka://127.0.0.1:" + port).contains("none was accepted")
                .doesNotContain("hunter2");
        assertThat(r.body()).doesNotContain("hunter2");
    }
}
