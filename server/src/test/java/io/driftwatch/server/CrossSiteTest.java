package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 8 with auth off (the local demo on loopback, where no key stops a page of another site): a
 * state-changing request that a browser marks as cross-site is refused (403), and a browser's body without a
 * Content-Type (a {@code Blob} without type, sent without a CORS preflight) is refused (415); clients that send
 * neither header (curl, the Java and Python clients) keep the route's default type.
 */
class CrossSiteTest {
    @TempDir
    Path dir;
    private ApiFixture api;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/api/v1"
                + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBrowsersCrossSiteChangeIsRefusedWithAuthOff() {
        String json = "application/json";
        HttpResponse<String> cross = post("/projects", "{\"name\":\"x1\"}", "Content-Type", json,
                "Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example");
        assertThat(cross.statusCode()).as(cross.body()).isEqualTo(403);
        assertThat(cross.body()).contains("other sites");
        assertThat(post("/projects", "{\"name\":\"x2\"}", "Content-Type", json, "Origin", "http://evil.example")
                .statusCode()).as("an older browser: Origin only").isEqualTo(403);
        assertThat(post("/projects", "{\"name\":\"x3\"}", "Content-Type", json, "Origin", "null").statusCode())
                .as("a sandboxed page").isEqualTo(403);
        HttpResponse<String> typeless = post("/projects", "{\"name\":\"x4\"}", "Sec-Fetch-Site", "same-origin",
                "Origin", "http://127.0.0.1:" + api.server.port());
        assertThat(typeless.statusCode()).as(typeless.body()).isEqualTo(415);
        assertThat(api.http.get("/projects/x1").status()).isEqualTo(404);
        assertThat(api.http.get("/projects/x4").status()).isEqualTo(404);
        assertThat(post("/projects", "{\"name\":\"same\"}", "Content-Type", json, "Sec-Fetch-Site", "same-origin",
                "Origin", "http://127.0.0.1:" + api.server.port()).statusCode()).as("the UI itself").isEqualTo(201);
        assertThat(post("/projects", "{\"name\":\"cli\"}").statusCode()).as("no browser headers, no type")
                .isEqualTo(201);
    }

    @Test
    void readsSentAsPostAreNotRefused() {
        HttpResponse<String> search = post("/grafana-proxy/model-endpoints/search",
                "{\"target\":\"target_endpoint=list_projects\"}", "Content-Type", "application/json",
                "Origin", "http://grafana.example:3000");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    }
}
