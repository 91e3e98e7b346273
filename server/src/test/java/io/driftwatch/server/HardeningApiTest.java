package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pt 8: the probing findings (security headers, overflowing times) answered safely over HTTP. */
class HardeningApiTest {
    private static final String EP = "{\"spec\":{\"function_uri\":\"p1/serving\",\"model\":\"iris\"}}";
    private static final String EVENT = "{\"model\":\"m\",\"function_uri\":\"p1/fn\",\"when\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    private static final List<String> BAD_TIMES = List.of("now-99999999999d", "now-9999999999999999999999d",
            "99999999999999999999999", "9223372036854775807", "now-PT9999999999999H", "now-99999999999999999999m");
    @TempDir
    Path dir;
    private ApiFixture f;
    private Http http;
    private String uid;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir);
        http = f.http;
        http.post("/projects", "{\"name\":\"p1\"}");
        assertThat(http.post("/projects/p1/model-endpoints", EP).status()).isEqualTo(201);
        uid = EndpointId.of("p1", "p1/serving", "iris", null);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void uiApiAndIngestAnswersCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + f.server.port() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=");
        assertSecurityHeaders(page.headers().firstValue("Content-Security-Policy").orElse(null),
                page.headers().firstValue("X-Frame-Options").orElse(null),
                page.headers().firstValue("X-Content-Type-Options").orElse(null),
                page.headers().firstValue("Referrer-Policy").orElse(null));
        for (Http.Response r : List.of(http.get("/projects/p1"), http.get("/projects/nope"),
                http.post("/projects/p1/model-monitoring/stream", EVENT),
                http.post("/projects/p1/model-monitoring/stream", "{bad"))) {
            assertSecurityHeaders(r.headers().firstValue("Content-Security-Policy").orElse(null),
                    r.headers().firstValue("X-Frame-Options").orElse(null),
                    r.headers().firstValue("X-Content-Type-Options").orElse(null),
                    r.headers().firstValue("Referrer-Policy").orElse(null));
        }
    }

    private static void assertSecurityHeaders(String csp, String frame, String sniff, String referrer) {
        assertThat(csp).startsWith("default-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(frame).isEqualTo("DENY");
        assertThat(sniff).isEqualTo("nosniff");
        assertThat(referrer).isEqualTo("no-referrer");
    }

    @Test
    void overflowingTimesAre400NamingTheParameterOnEveryRoute() {
        String ep = "/projects/p1/model-endpoints/" + uid;
        for (String t : BAD_TIMES) {
            String q = t.replace("+", "%2B");
            expect400(http.get(ep + "/data?format=json&start=" + q), "start");
            expect400(http.get(ep + "/data?format=json&end=" + q), "end");
            expect400(http.get(ep + "/metrics-values?name=p1.a.result.b&start=" + q), "start");
            expect400(http.get("/projects/p1/alert-activations?since=" + q), "since");
            expect400(http.post("/grafana-proxy/model-endpoints/query", "{\"range\":{\"from\":\"" + t
                    + "\",\"to\":\"now\"},\"targets\":[{\"target\":\"project=p1;target_endpoint=list_endpoints\"}]}"),
                    "range.from");
        }
    }

    private static void expect400(Http.Response r, String parameter) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("'" + parameter + "'");
    }

    @Test
    void aBlankIngestBodyIs400NotA500() {
        // found by IngestFuzzTest: a whitespace-only body reached describe(null)
        for (String body : List.of(" ", "\n\t ", "[ ")) {
            Http.Response r = http.post("/projects/p1/model-monitoring/stream", body);
            assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
        }
    }
}
