package io.driftwatch.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.serving.tracking.Tracker;
import io.driftwatch.serving.tracking.TrackerConfig;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServingRoutesIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String IRIS = Path.of("..", "examples", "iris", "iris_rf.onnx").toAbsolutePath().toString();
    static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();
    static Tracker tracker;
    static ServingFunctions functions;
    static Javalin app;
    static HttpClient http = HttpClient.newHttpClient();
    static String base;

    @BeforeAll
    static void start() {
        tracker = Tracker.start(batch -> batch.forEach(b -> EVENTS.add(read(b))),
                TrackerConfig.defaults().withZone(ZoneOffset.UTC));
        functions = ServingFunctions.open(null, tracker, Clock.systemUTC());
        functions.create("proj", "iris-serving", null);
        functions.addModel("proj", "iris-serving", new ModelSpec("iris", "1", null, IRIS, Map.of("team", "ml")));
        functions.addModel("proj", "iris-serving", new ModelSpec("doubler", null, DoublerModel.class.getName(),
                null, Map.of()));
        functions.deploy("proj", "iris-serving");
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.port = 0;
            ServingRoutes.register(cfg.routes, "/serving", functions);
        }).start();
        base = "http://localhost:" + app.port() + ServingRoutes.baseUrl("/serving", "proj", "iris-serving") + "/v2";
    }

    @AfterAll
    static void stop() {
        app.stop();
        functions.close();
        tracker.close();
    }

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    void healthAndServerMetadata() throws Exception {
        assertThat(get("/health/live")).satisfies(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(body(get("/health/ready")).get("ready").asBoolean()).isTrue();
        HttpResponse<String> meta = get("");
        assertThat(meta.statusCode()).isEqualTo(200);
        assertValid("metadata_server_response", body(meta));
        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(base.replace("iris-serving", "other")
                + "/health/live")).build());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertValid("metadata_server_error_response", body(missing));
    }

    @Test
    void modelMetadataAndReady() throws Exception {
        HttpResponse<String> r = get("/models/iris");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode md = body(r);
        assertValid("metadata_model_response", md);
        assertThat(md.toString()).isEqualTo("{\"name\":\"iris\",\"versions\":[\"1\"],\"platform\":\"onnxruntime\","
                + "\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}],\"outputs\":["
                + "{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[-1]},"
                + "{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]}");
        assertThat(get("/models/iris/versions/1/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> wrongVersion = get("/models/iris/versions/9");
        assertThat(wrongVersion.statusCode()).isEqualTo(404);
        assertValid("metadata_model_error_response", body(wrongVersion));
        assertThat(get("/models/nope/ready").statusCode()).isEqualTo(404);
    }

    @Test
    void irisInferenceIsAnsweredAndTracked() throws Exception {
        String req = "{\"id\":\"req-1\",\"parameters\":{\"content_type\":\"np\"},\"inputs\":[{\"name\":\"input\","
                + "\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":[[5.1,3.5,1.4,0.2],[6.3,3.3,6.0,2.5]]}]}";
        HttpResponse<String> r = post("/models/iris/versions/1/infer", req);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode resp = body(r);
        assertValid("inference_response", resp);
        assertThat(resp.get("model_name").asText()).isEqualTo("iris");
        assertThat(resp.get("model_version").asText()).isEqualTo("1");
        assertThat(resp.get("id").asText()).isEqualTo("req-1");
        assertThat(resp.get("outputs").get(0).toString())
                .isEqualTo("{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[0,2]}");
        assertThat(resp.get("outputs").get(1).get("shape").toString()).isEqualTo("[2,3]");

        JsonNode e = awaitEvents(1).getFirst();
        assertThat(e.get("class").asText()).isEqualTo("io.driftwatch.serving.model.OnnxModel");
        assertThat(e.get("function_uri").asText()).isEqualTo("proj/iris-serving");
        assertThat(e.get("model").asText()).isEqualTo("iris");
        assertThat(e.get("version").asText()).isEqualTo("1");
        assertThat(e.get("labels").toString()).isEqualTo("{\"team\":\"ml\"}");
        assertThat(e.get("request").toString())
                .isEqualTo("{\"id\":\"req-1\",\"inputs\":[[5.1,3.5,1.4,0.2],[6.3,3.3,6.0,2.5]]}");
        JsonNode outputs = e.get("resp").get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0)).hasSize(4);
        assertThat(outputs.get(0).get(0).asLong()).isZero();
        assertThat(outputs.get(1).get(0).asLong()).isEqualTo(2);
        double sum = outputs.get(1).get(1).asDouble() + outputs.get(1).get(2).asDouble()
                + outputs.get(1).get(3).asDouble();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(e.get("resp").get("id").asText()).isEqualTo("req-1");
        assertThat(e.get("when").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(e.get("microsec").asLong()).isPositive();
    }

    @Test
    void javaModelClassAndRequestedOutputsAndGeneratedId() throws Exception {
        String req = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[5,6]}],"
                + "\"outputs\":[{\"name\":\"y\"}]}";
        JsonNode resp = body(post("/models/doubler/infer", req));
        assertValid("inference_response", resp);
        assertThat(resp.get("outputs").get(0).get("data").toString()).isEqualTo("[10.0,12.0]");
        JsonNode e = awaitEvents(1).getFirst();
        assertThat(e.get("class").asText()).isEqualTo(DoublerModel.class.getName());
        assertThat(e.get("version").isNull()).isTrue();
        assertThat(e.get("request").get("id").asText()).isEqualTo(resp.get("id").asText()).hasSize(36);
        assertThat(e.get("resp").get("outputs").toString()).isEqualTo("[[10.0,12.0]]");
    }

    @Test
    void mlrunListOfRowsIsAnsweredInTheV2ServerShapeAndTracked() throws Exception {
        HttpResponse<String> r = post("/models/iris/infer", "{\"id\":\"rows-1\",\"inputs\":[[5.1,3.5,1.4,0.2],"
                + "[6.3,3.3,6.0,2.5]]}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode resp = body(r);
        assertThat(resp.fieldNames()).toIterable().containsExactly("id", "model_name", "outputs", "timestamp",
                "model_version");
        assertThat(resp.get("id").asText()).isEqualTo("rows-1");
        assertThat(resp.get("model_name").asText()).isEqualTo("iris");
        assertThat(resp.get("model_version").asText()).isEqualTo("1");
        assertThat(resp.get("outputs")).hasSize(2);
        assertThat(resp.get("outputs").get(0).get(0).asLong()).isZero();
        assertThat(resp.get("outputs").get(1).get(0).asLong()).isEqualTo(2);
        assertThat(Instant.parse(resp.get("timestamp").asText())).isNotNull();
        JsonNode e = awaitEvents(1).getFirst();
        assertThat(e.get("request").toString())
                .isEqualTo("{\"id\":\"rows-1\",\"inputs\":[[5.1,3.5,1.4,0.2],[6.3,3.3,6.0,2.5]]}");
        assertThat(e.get("resp").get("outputs")).isEqualTo(resp.get("outputs"));

        JsonNode noId = body(post("/models/doubler/infer", "{\"inputs\":[[5,6]]}"));
        assertThat(noId.get("id").asText()).hasSize(36);
        assertThat(noId.get("outputs").toString()).isEqualTo("[[10.0,12.0]]");
        assertThat(noId.has("model_version")).isFalse();
        assertThat(body(post("/models/doubler/infer", "{\"inputs\":[0.5,0.5]}")).get("outputs").toString())
                .isEqualTo("[[1.0,1.0]]");
        awaitEvents(3);
    }

    @Test
    void badRowsAre400NamingTheRowAndTracked() throws Exception {
        HttpResponse<String> ragged = post("/models/iris/infer", "{\"id\":\"b1\",\"inputs\":[[1,2,3,4],[1,2,3]]}");
        assertThat(ragged.statusCode()).isEqualTo(400);
        assertThat(body(ragged).get("error").asText()).isEqualTo("inputs row 1 has 3 values, row 0 has 4");
        HttpResponse<String> narrow = post("/models/iris/infer", "{\"id\":\"b2\",\"inputs\":[[1,2,3]]}");
        assertThat(narrow.statusCode()).isEqualTo(400);
        assertThat(body(narrow).get("error").asText()).contains("input 'input' has shape [-1, 4]");
        HttpResponse<String> text = post("/models/iris/infer", "{\"id\":\"b3\",\"inputs\":[[1,2,\"x\",4]]}");
        assertThat(body(text).get("error").asText()).isEqualTo("input 'input': data[2] = \"x\" is not a FP32 number");
        HttpResponse<String> mixed = post("/models/iris/infer", "{\"id\":\"b4\",\"inputs\":[[1,2,3,4],5]}");
        assertThat(body(mixed).get("error").asText()).contains("mixes rows");
        assertThat(post("/models/nope/infer", "{\"id\":\"b5\",\"inputs\":[[1,2,3,4]]}").statusCode())
                .isEqualTo(404);
        assertThat(awaitEvents(5)).extracting(ev -> ev.get("request").get("id").asText())
                .containsExactlyInAnyOrder("b1", "b2", "b3", "b4", "b5");
    }

    @Test
    void everyDatatypeParses() throws Exception {
        for (String[] c : List.of(new String[] {"INT32", "[1,2]"}, new String[] {"INT64", "[1,2]"},
                new String[] {"FP32", "[1.5,2]"}, new String[] {"BOOL", "[true,false]"},
                new String[] {"BYTES", "[\"a\",\"b\"]"})) {
            // every datatype parses; the doubler converts numeric ones and refuses BOOL/BYTES with a 400
            String req = "{\"id\":\"d\",\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"" + c[0]
                    + "\",\"data\":" + c[1] + "}]}";
            HttpResponse<String> r = post("/models/doubler/infer", req);
            if (c[0].equals("BOOL") || c[0].equals("BYTES")) {
                assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(body(r).get("error").asText()).isEqualTo("tensor 'x' is " + c[0] + ", not numeric");
            } else {
                assertThat(r.statusCode()).as(c[0]).isEqualTo(200);
            }
        }
    }

    @Test
    void errorsAreOipBodiesAndTrackedAsErrorEvents() throws Exception {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("/models/iris/infer|{\"id\":\"e1\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3]}]}", 400);
        cases.put("/models/iris/infer|{\"id\":\"e2\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP64\",\"data\":[1,2,3,4]}]}", 400);
        cases.put("/models/iris/infer|{\"id\":\"e3\",\"inputs\":[{\"name\":\"input\",\"shape\":[2,4],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}", 400);
        cases.put("/models/iris/infer|{\"id\":\"e4\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,\"x\",4]}]}", 400);
        cases.put("/models/nope/infer|{\"id\":\"e5\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}", 404);
        cases.put("/models/doubler/infer|{\"id\":\"e6\",\"inputs\":[{\"name\":\"x\",\"shape\":[1,1],"
                + "\"datatype\":\"FP64\",\"data\":[13]}]}", 500);
        cases.put("/models/iris/infer|{\"id\":\"e7\",", 400);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            String[] pathBody = c.getKey().split("\\|", 2);
            HttpResponse<String> r = post(pathBody[0], pathBody[1]);
            assertThat(r.statusCode()).as(pathBody[1]).isEqualTo(c.getValue());
            assertValid("inference_error_response", body(r));
        }
        List<JsonNode> events = awaitEvents(cases.size());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.has("error")).isTrue();
            assertThat(e.has("resp")).isFalse();
            assertThat(e.has("microsec")).isFalse();
        });
        assertThat(events).extracting(e -> e.get("request").get("id").asText())
                .containsExactlyInAnyOrder("e1", "e2", "e3", "e4", "e5", "e6", events.getLast().get("request")
                        .get("id").asText());
        JsonNode shape = events.stream().filter(e -> e.get("request").get("id").asText().equals("e1")).findFirst()
                .orElseThrow();
        assertThat(shape.get("error").asText()).contains("shape [1, 3]");
        assertThat(shape.get("request").get("inputs").toString()).isEqualTo("[[1.0,2.0,3.0]]");
        JsonNode unknown = events.stream().filter(e -> e.get("model").asText().equals("nope")).findFirst()
                .orElseThrow();
        assertThat(unknown.get("class").asText()).isEqualTo(ServingFunction.UNKNOWN_CLASS);
    }

    @Test
    void validatorRejectsAnInvalidResponse() {
        assertThat(OipSchema.violations("inference_response", read("{\"outputs\":[{\"name\":\"y\"}]}".getBytes())))
                .isNotEmpty();
    }

    /** The tracked events once there are {@code n}, and no more arrived for 50 ms. */
    static List<JsonNode> awaitEvents(int n) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> EVENTS.size() >= n);
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> EVENTS.size() == n);
        assertThat(EVENTS).hasSize(n);
        return List.copyOf(EVENTS);
    }

    static void assertValid(String component, JsonNode body) {
        assertThat(OipSchema.violations(component, body)).as(component + " " + body).isEmpty();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).build());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> send(HttpRequest r) throws Exception {
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        return resp;
    }

    static JsonNode body(HttpResponse<String> r) {
        return read(r.body().getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode read(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
