package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.memory.InMemoryEventStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectApiTest {
    @TempDir
    Path dir;
    private ApiServer server;
    private Http http;

    @BeforeEach
    void start() {
        Backend b = new Backend(Clock.systemUTC(), new FakeProjects(), null, null, null, null, new InMemoryEventStream(), null, null);
        server = ApiServer.start(b, ServerConfig.defaults().withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createListGet() {
        assertThat(http.get("/healthz").json().get("status").asText()).isEqualTo("ok");
        Http.Response created = http.post("/projects", "{\"name\":\"iris-demo\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("iris-demo");
        assertThat(http.post("/projects", "{\"name\":\"iris-demo\"}").status()).isEqualTo(409);
        http.post("/projects", "{\"name\":\"a1\"}");
        assertThat(http.get("/projects").json().findValuesAsText("name")).containsExactly("a1", "iris-demo");
        assertThat(http.get("/projects/iris-demo").status()).isEqualTo(200);
        Http.Response missing = http.get("/projects/other");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorMessage()).contains("'other'");
    }

    @Test
    void badNamesAndBodiesAre400() {
        assertThat(http.post("/projects", "{\"name\":\"Bad_Name\"}").errorMessage()).contains("Bad_Name");
        assertThat(http.post("/projects", "{\"name\":\"" + "a".repeat(64) + "\"}").status()).isEqualTo(400);
        assertThat(http.post("/projects", "{}").errorMessage()).contains("name");
        assertThat(http.post("/projects", "{\"name\":3}").errorMessage()).contains("string");
        assertThat(http.post("/projects", "{\"name\":").errorMessage()).contains("malformed JSON");
        assertThat(http.post("/projects", "[]").status()).isEqualTo(400);
    }

    /** Issue 18: a page of another site could create projects with a text/plain POST (no CORS preflight). */
    @Test
    void stateChangingRoutesRefuseUndeclaredContentTypes() {
        byte[] body = "{\"name\":\"csrf\"}".getBytes(StandardCharsets.UTF_8);
        Http.Response plain = http.post("/projects", body, "text/plain", null);
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.errorMessage()).contains("text/plain").contains("application/json");
        assertThat(http.post("/projects", body, "application/x-www-form-urlencoded", null).status()).isEqualTo(415);
        assertThat(http.post("/projects", body, "multipart/form-data; boundary=x", null).status()).isEqualTo(415);
        assertThat(http.get("/projects/csrf").status()).as("nothing was created").isEqualTo(404);
        assertThat(http.post("/projects", body, "application/json; charset=utf-8", null).status()).isEqualTo(201);
    }
}
