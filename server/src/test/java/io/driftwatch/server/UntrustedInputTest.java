package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pt 7: path traversal in names, oversized and gzip-bomb bodies, deeply nested JSON — over HTTP. */
class UntrustedInputTest {
    private static final String MM = "/projects/p1/model-monitoring";
    private static final String APP = "io.driftwatch.engine.apps.examples.PredictionMeanShiftApp";
    @TempDir
    Path dir;
    private ApiFixture f;
    private Http http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir);
        http = f.http;
        http.post("/projects", "{\"name\":\"p1\"}");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String endpoint(String uid) {
        return "{\"metadata\":{\"uid\":\"" + uid + "\"},\"spec\":{\"function_uri\":\"p1/serving\",\"model\":\"iris\"}}";
    }

    @Test
    void endpointUidDotDotIsRefusedAtCreation() {
        for (String uid : new String[] {"..", ".", "a/../b", "..\\\\x", "x/y", "-x", ""}) {
            Http.Response r = http.post("/projects/p1/model-endpoints", endpoint(uid));
            assertThat(r.status()).as(uid).isEqualTo(400);
            assertThat(r.errorMessage()).as(uid).contains("endpoint uid");
        }
        assertThat(http.get("/projects/p1/model-endpoints").json()).isEmpty();
        assertThat(http.post("/projects/p1/model-endpoints", endpoint("ep-1.v2_a")).status()).isEqualTo(201);
        assertThat(http.delete("/projects/p1/model-endpoints/ep-1.v2_a").status()).isEqualTo(204);
    }

    @Test
    void appAndJarNamesCannotClimbOutOfTheirFolder() {
        Http.Response name = http.post(MM + "/functions", "{\"name\":\"../x\",\"class_name\":\"" + APP + "\"}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.errorMessage()).contains("application name");
        Http.Response jar = http.post(MM + "/functions",
                "{\"name\":\"x\",\"class_name\":\"" + APP + "\",\"jar\":\"../../etc/evil.jar\"}");
        assertThat(jar.status()).isEqualTo(400);
        assertThat(jar.errorMessage()).contains("jar");
        assertThat(http.post(MM + "/functions", "{\"name\":\"my-app\",\"class_name\":\"" + APP + "\"}").status())
                .isIn(200, 201);
    }

    @Test
    void artifactNamesAreValidated() {
        http.post("/projects/p1/model-endpoints", endpoint("ep1"));
        Http.Response r = http.get("/projects/p1/model-endpoints/ep1/artifacts/histogram-data-drift/..x");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("artifact name");
        assertThat(http.get("/projects/p1/model-endpoints/ep1/artifacts/histogram-data-drift/drift_table_plot")
                .status()).isEqualTo(404);
    }

    @Test
    void deeplyNestedJsonIs400NamingTheDepth() {
        String deep = "{\"name\":\"p2\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        Http.Response r = http.post("/projects", deep);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).containsIgnoringCase("nesting depth");
        Http.Response alert = http.put("/projects/p1/alerts/a", "{\"summary\":" + "[".repeat(65) + "]".repeat(65) + "}");
        assertThat(alert.status()).isEqualTo(400);
        assertThat(alert.errorMessage()).containsIgnoringCase("nesting depth");
        String ok = "{\"name\":\"p3\"}";
        assertThat(http.post("/projects", ok).status()).isEqualTo(201);
    }

    @Test
    void deeplyNestedEventsOnTheIngestRouteAreRefused() {
        String deep = "{\"model\":\"m\",\"function_uri\":\"p1/serving\",\"request\":{\"inputs\":"
                + "[".repeat(200) + "]".repeat(200) + "}}";
        Http.Response r = http.post(MM + "/stream", "[" + deep + "]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).containsIgnoringCase("nesting depth");
    }

    @Test
    void oversizedAndGzipBombBodiesOnJsonRoutesAre413() {
        String big = "{\"name\":\"p2\",\"pad\":\"" + "0".repeat(2 << 20) + "\"}";
        assertThat(http.post("/projects", big).status()).isEqualTo(413);
        byte[] bomb = Http.gzip("{\"name\":\"p2\",\"pad\":\"" + "0".repeat(10 << 20) + "\"}");
        assertThat(bomb.length).isLessThan(100_000);
        assertThat(http.post("/projects", bomb, "application/json", "gzip").status()).isEqualTo(413);
        assertThat(http.post(MM + "/functions", bomb, "application/json", "gzip").status()).isEqualTo(413);
        assertThat(http.put("/projects/p1/alerts/a", new String(new byte[0], StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
    }
}
