package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jetty ingest handler answers exactly as the Javalin route does: every case is sent to the plain path (served
 * by {@link IngestHandler}) and with a query string (which it leaves to Javalin), and both answers must agree.
 */
class IngestHandlerTest {
    private static final String EVENT = "{\"model\":\"m\",\"function_uri\":\"p1/fn\",\"when\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    private static final String PATH = "/projects/p1/model-monitoring/stream";
    @TempDir
    Path dir;
    private final FakeStream stream = new FakeStream();
    private ApiServer server;
    private Http http;

    @BeforeEach
    void start() {
        FakeProjects projects = new FakeProjects();
        projects.createProject("p1");
        Backend b = new Backend(Clock.systemUTC(), projects, null, null, null, null, stream, null, null);
        server = ApiServer.start(b, ServerConfig.defaults().withPort(0).withDataDir(dir).withMaxBodyBytes(64 * 1024));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void parsesOnlyIngestPaths() {
        assertThat(IngestHandler.project("/api/v1/projects/p1/model-monitoring/stream")).isEqualTo("p1");
        assertThat(IngestHandler.project("/api/v1/projects/my-proj/model-monitoring/stream/")).isEqualTo("my-proj");
        for (String other : List.of("/api/v1/projects//model-monitoring/stream", "/api/v1/projects/a/b/model-monitoring/stream",
                "/api/v1/projects/a%20b/model-monitoring/stream", "/api/v1/projects/p1/model-monitoring/streams",
                "/api/v1/projects/p1/model-monitoring", "/api/v2/projects/p1/model-monitoring/stream", "/")) {
            assertThat(IngestHandler.project(other)).as(other).isNull();
        }
    }

    @Test
    void answersAsTheJavalinRouteForEveryCase() {
        String big = "[" + (EVENT + ",").repeat(1000) + EVENT + "]";
        List<Function<String, Http.Response>> cases = List.of(
                p -> http.post(p, EVENT),
                p -> http.post(p, "[" + EVENT + "," + EVENT + "]"),
                p -> http.post(p, (EVENT + "\n" + EVENT).getBytes(StandardCharsets.UTF_8), "application/x-ndjson", null),
                p -> http.post(p, Http.gzip("[" + EVENT + "]"), "application/json", "gzip"),
                p -> http.post(p, "{\"model\": "),
                p -> http.post(p, "[1]"),
                p -> http.post(p, "{\"model\":\"m\"}"),
                p -> http.post(p, "{\"model\":\"m\",\"function_uri\":\"f\",\"x\":NaN}"),
                p -> http.post(p, ""),
                p -> http.post(p, big),
                p -> http.post(p, Http.gzip(big), "application/json", "gzip"),
                p -> http.post(p, "garbage".getBytes(StandardCharsets.UTF_8), "application/json", "gzip"),
                p -> http.post(p, EVENT.getBytes(StandardCharsets.UTF_8), "text/plain", null),
                p -> http.post(p, EVENT.getBytes(StandardCharsets.UTF_8), "application/json", "br"),
                p -> http.post(p.replace("/p1/", "/nope/"), EVENT));
        long before = server.ingestFastPathRequests();
        for (int i = 0; i < cases.size(); i++) {
            Http.Response fast = cases.get(i).apply(PATH);
            Http.Response javalin = cases.get(i).apply(PATH + "?via=javalin");
            assertThat(fast.status()).as("case %d status", i).isEqualTo(javalin.status());
            assertThat(fast.headers().firstValue("Content-Type")).as("case %d type", i)
                    .isEqualTo(javalin.headers().firstValue("Content-Type"));
            if (fast.status() == 202) {
                assertThat(fast.json().get("accepted")).as("case %d", i).isEqualTo(javalin.json().get("accepted"));
            } else {
                assertThat(fast.body()).as("case %d body", i).isEqualTo(javalin.body());
            }
        }
        assertThat(server.ingestFastPathRequests() - before).as("the plain path took the handler").isEqualTo(cases.size());
        assertThat(stream.records).hasSize(2 * (1 + 2 + 2 + 1));
    }

    @Test
    void backpressureIs429WithRetryAfterOnBothPaths() {
        for (String p : List.of(PATH, PATH + "?via=javalin")) {
            stream.rejectNext = true;
            Http.Response r = http.post(p, EVENT);
            assertThat(r.status()).as(p).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).as(p).isPresent();
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("backpressure");
        }
    }
}
