package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.server.auth.SecretSettings;
import io.driftwatch.testkit.Fuzz;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 8: the fuzz inputs of {@link Fuzz} (random strings and bytes, mutated valid bodies) sent through the
 * HTTP layer of a real server — the ingest fast path and its router twin, KServe CloudEvents, ground-truth labels,
 * endpoint creation and patch, alerts, projects and Grafana's query — a bounded, seeded number of times
 * ({@link #TRIES} per input kind and route: 1,350 requests; 40 s with the server start on the shared 2-core
 * machine); every answer must be below 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFuzzTest {
    /** Tries per input kind and route. */
    private static final int TRIES = 50;
    private static final String EVENT = "{\"model\":\"m\",\"function_uri\":\"p/fn\",\"when\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    private static final String ENDPOINT = "{\"metadata\":{\"uid\":\"e1\",\"labels\":{\"a\":\"b\"}},\"spec\":"
            + "{\"model\":\"m\",\"feature_names\":[\"x\",\"y\"]}}";
    private static final String ALERT = "{\"summary\":\"s\",\"severity\":\"low\",\"trigger\":{\"events\":"
            + "[\"data-drift-detected\"]},\"entities\":{\"kind\":\"model-endpoint-result\",\"project\":\"p\","
            + "\"ids\":[\"*\"]},\"notifications\":[{\"kind\":\"webhook\",\"params\":{\"url\":\"http://127.0.0.1:9/x\"}}]}";
    private static final String QUERY = "{\"targets\":[{\"target\":\"target_endpoint=list_endpoints;project=p\"}],"
            + "\"range\":{\"from\":\"now-1h\",\"to\":\"now\"}}";
    private static final String LABELS = "{\"request_id\":\"1\",\"label\":1}";
    private static final String CE = "{\"id\":\"1\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],"
            + "\"data\":[1,2]}]}";

    @TempDir
    static Path dir;
    private Server server;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A route, the method, the valid body its mutations start from, and extra headers. */
    private record Target(String method, String path, String valid, String... headers) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("POST", "/api/v1/projects/p/model-monitoring/stream", EVENT),
            new Target("POST", "/api/v1/projects/p/model-monitoring/stream?via=router", EVENT),
            new Target("POST", "/api/v1/projects/p/model-monitoring/cloudevents", CE, "ce-specversion", "1.0",
                    "ce-id", "f1", "ce-type", "org.kubeflow.serving.inference.request", "ce-source",
                    "http://localhost/", "ce-inferenceservicename", "isvc"),
            new Target("POST", "/api/v1/projects/p/model-endpoints/e1/labels", LABELS),
            new Target("POST", "/api/v1/projects/p/model-endpoints", ENDPOINT),
            new Target("PATCH", "/api/v1/projects/p/model-endpoints/e1", "{\"spec\":{\"model_version\":\"v2\"}}"),
            new Target("PUT", "/api/v1/projects/p/alerts/fuzz", ALERT),
            new Target("POST", "/api/v1/projects", "{\"name\":\"fuzzed\"}"),
            new Target("POST", "/api/v1/grafana-proxy/model-endpoints/query", QUERY));

    @BeforeAll
    void start() {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withSecrets(new SecretSettings(List.of("127.0.0.1/32"), null)));
        assertThat(send(new Target("POST", "/api/v1/projects", ""), "{\"name\":\"p\"}".getBytes()).statusCode())
                .isEqualTo(201);
        assertThat(send(TARGETS.get(4), ENDPOINT.getBytes()).statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(Target t, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + t.path()))
                .method(t.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < t.headers().length; i += 2) {
            b.header(t.headers()[i], t.headers()[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(t.method() + " " + t.path(), e);
        }
    }

    private void fuzz(String kind, IntFunction<byte[]> input) {
        List<String> failures = new ArrayList<>();
        for (Target t : TARGETS) {
            for (int seed = 0; seed < TRIES; seed++) {
                HttpResponse<String> r = send(t, input.apply(seed));
                if (r.statusCode() >= 500) {
                    failures.add(kind + " seed " + seed + " " + t.method() + " " + t.path() + " -> " + r.statusCode()
                            + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void randomStrings() {
        fuzz("string", seed -> Fuzz.randomString(seed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void randomBytes() {
        fuzz("bytes", Fuzz::randomBytes);
    }

    @Test
    void mutatedValidBodies() {
        List<String> failures = new ArrayList<>();
        for (Target t : TARGETS) {
            IntFunction<byte[]> mutated = Fuzz.mutated(List.of(t.valid()));
            for (int seed = 0; seed < TRIES; seed++) {
                HttpResponse<String> r = send(t, mutated.apply(seed));
                if (r.statusCode() >= 500) {
                    failures.add("seed " + seed + " " + t.method() + " " + t.path() + " -> " + r.statusCode() + " "
                            + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
