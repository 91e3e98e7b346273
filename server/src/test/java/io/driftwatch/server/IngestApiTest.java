package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.ingest.IngestHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestApiTest {
    private static final String EVENT = "{\"model\":\"m\",\"function_uri\":\"p1/fn\",\"when\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    private static final String STREAM = "/projects/p1/model-monitoring/stream";
    @TempDir
    Path dir;
    private final InMemoryEventStream stream = new InMemoryEventStream();
    private final FakeProjects projects = new FakeProjects();
    private ApiServer server;
    private Http http;

    @BeforeEach
    void start() {
        projects.createProject("p1");
        Backend b = new Backend(Clock.systemUTC(), projects, null, null, null, null, stream, null, null);
        server = ApiServer.start(b, ServerConfig.defaults().withPort(0).withDataDir(dir).withMaxBodyBytes(64 * 1024));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response ingest(String body) {
        return http.post("/projects/p1/model-monitoring/stream", body);
    }

    @Test
    void oneEventArrayAndNdjsonAreAppendedWithTheProject() throws Exception {
        Http.Response one = ingest(EVENT);
        assertThat(one.status()).isEqualTo(202);
        assertThat(one.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(one.json().get("offset").asLong()).isZero();
        Http.Response arr = ingest("[" + EVENT + "," + EVENT + "]");
        assertThat(arr.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(arr.json().get("offset").asLong()).isEqualTo(1);
        Http.Response nd = http.post("/projects/p1/model-monitoring/stream",
                (EVENT + "\n\n" + EVENT + "\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson", null);
        assertThat(nd.status()).isEqualTo(202);
        assertThat(nd.json().get("offset").asLong()).isEqualTo(3);
        assertThat(stream.records()).hasSize(5);
        JsonNode stored = Json.MAPPER.readTree(stream.records().get(4));
        assertThat(stored.get("project").asText()).isEqualTo("p1");
        assertThat(stored.get("request").get("inputs").get(0).get(1).asInt()).isEqualTo(2);
    }

    @Test
    void gzipBodiesAreAccepted() {
        Http.Response r = http.post("/projects/p1/model-monitoring/stream", Http.gzip("[" + EVENT + "]"),
                "application/json", "gzip");
        assertThat(r.status()).isEqualTo(202);
        assertThat(stream.records()).hasSize(1);
    }

    @Test
    void malformedJsonNamesThePositionAndAppendsNothing() {
        Http.Response r = ingest("[" + EVENT + ",\n{\"model\": }]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("bad_request");
        assertThat(r.errorMessage()).contains("malformed JSON").contains("line 2");
        assertThat(stream.records()).isEmpty();
    }

    @Test
    void nonObjectElementNamesItsIndex() {
        Http.Response r = ingest("[" + EVENT + "," + EVENT + ",42]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("element 2").contains("a number");
        assertThat(stream.records()).isEmpty();
    }

    @Test
    void nanLiteralIsRejected() {
        Http.Response r = ingest(EVENT.replace("\"microsec\":10", "\"microsec\":NaN"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("NaN");
    }

    @Test
    void missingOrWronglyTypedEndpointFieldsAreRejected() {
        Http.Response missing = ingest(EVENT.replace("\"model\":\"m\",", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("missing field 'model'");
        Http.Response wrong = ingest("[" + EVENT + "," + EVENT.replace("\"p1/fn\"", "7") + "]");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).contains("element 1").contains("function_uri").contains("number");
        Http.Response otherProject = ingest(EVENT.replace("{", "{\"project\":\"p2\","));
        assertThat(otherProject.status()).isEqualTo(400);
        assertThat(otherProject.errorMessage()).contains("project");
        assertThat(stream.records()).isEmpty();
    }

    @Test
    void fieldLevelProblemsAreLeftToTheProcessor() {
        Http.Response r = ingest(EVENT.replace("\"when\":\"2026-01-01T00:00:00Z\",", "\"when\":5,"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(stream.records()).hasSize(1);
    }

    @Test
    void ndjsonErrorsNameTheLine() {
        Http.Response r = http.post("/projects/p1/model-monitoring/stream",
                (EVENT + "\n[1]\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("line 2");
        Http.Response broken = http.post("/projects/p1/model-monitoring/stream",
                (EVENT + "\n" + EVENT + "\n{oops\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson", null);
        assertThat(broken.errorMessage()).contains("line 3");
    }

    @Test
    void hugeBodyIs413AndGzipBombToo() {
        String big = "[" + (EVENT + ",").repeat(1000) + EVENT + "]";
        assertThat(ingest(big).status()).isEqualTo(413);
        Http.Response bomb = http.post("/projects/p1/model-monitoring/stream", Http.gzip(big), "application/json", "gzip");
        assertThat(bomb.status()).isEqualTo(413);
        assertThat(bomb.errorMessage()).contains("65536 bytes");
        assertThat(stream.records()).isEmpty();
    }

    @Test
    void gzipGarbageWrongTypeAndEncodingAre4xx() {
        Http.Response garbage = http.post("/projects/p1/model-monitoring/stream",
                "not gzip at all".getBytes(StandardCharsets.UTF_8), "application/json", "gzip");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.errorMessage()).contains("gzip");
        Http.Response type = http.post("/projects/p1/model-monitoring/stream",
                EVENT.getBytes(StandardCharsets.UTF_8), "text/csv", null);
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.errorMessage()).contains("text/csv");
        Http.Response enc = http.post("/projects/p1/model-monitoring/stream",
                EVENT.getBytes(StandardCharsets.UTF_8), "application/json", "br");
        assertThat(enc.status()).isEqualTo(415);
        assertThat(enc.errorMessage()).contains("br");
    }

    @Test
    void backpressureIs429WithRetryAfter() {
        stream.rejectNextAppend();
        Http.Response r = ingest(EVENT);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("3");
        assertThat(ingest(EVENT).status()).isEqualTo(202);
    }

    @Test
    void unknownProjectAndRouteAre404AndEmptyBodyIs400() {
        Http.Response r = http.post("/projects/nope/model-monitoring/stream", EVENT);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).contains("nope");
        assertThat(http.get("/no/such/route").status()).isEqualTo(404);
        assertThat(http.get("/no/such/route").errorMessage()).contains("/api/v1/no/such/route");
        assertThat(ingest("").status()).isEqualTo(400);
        assertThat(ingest("\"text\"").errorMessage()).contains("a string");
        assertThat(ingest(EVENT + " {}").errorMessage()).contains("x-ndjson");
    }

    // The Jetty ingest handler (IngestHandler) answers exactly as the Javalin route does: each case goes to the plain
    // path (the handler) and with a query string (left to Javalin), and both answers must agree.

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
            Http.Response fast = cases.get(i).apply(STREAM);
            Http.Response javalin = cases.get(i).apply(STREAM + "?via=javalin");
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
        assertThat(stream.records()).hasSize(2 * (1 + 2 + 2 + 1));
    }

    @Test
    void backpressureIs429WithRetryAfterOnBothPaths() {
        for (String p : List.of(STREAM, STREAM + "?via=javalin")) {
            stream.rejectNextAppend();
            Http.Response r = http.post(p, EVENT);
            assertThat(r.status()).as(p).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).as(p).isPresent();
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("backpressure");
        }
    }
}
