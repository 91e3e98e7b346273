package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.ingest.CloudEventRoutes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KServe's payload logger pointed at Driftwatch: request/response CloudEvents (binary mode) with OIP v2 bodies for a
 * drifted window and KServe v1 bodies for a window of iris rows, responses sometimes before their requests, one
 * canary event, two bad pairs and one request that never gets its response. Checks the endpoint's predictions and
 * error_count, the latency from ce-time, the expired-half counter (the server's clock moved past the timeout) and the
 * drift of both windows after a controller run.
 */
class KServeCloudEventsIT {
    private static final String P = "kserve-it";
    private static final String ISVC = "iris";
    private static final String MODEL = "iris";
    @TempDir
    Path dir;
    private final AtomicLong offsetMillis = new AtomicLong();
    private Server server;
    private DriftwatchClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    private final String uid = EndpointId.of(P, P + "/" + ISVC, MODEL, "v3");
    private List<String> iris;

    @BeforeEach
    void start() throws Exception {
        Clock moving = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plusMillis(offsetMillis.get());
            }
        };
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(50, Duration.ofMillis(200)).withGrace(Duration.ofSeconds(1)), moving);
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        iris = Files.readAllLines(ServingTrackingIT.example("iris.csv")).stream().skip(1).toList();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pairsBecomeTrackedPredictionsAndDriftIsDetected() throws Exception {
        client.createProject(P);
        client.logModel(P, MODEL, "v3", "sklearn", "label", null, ServingTrackingIT.example("iris.csv"));
        client.enableMonitoring(P, "1m", true);
        // window 1: 15 OIP v2 pairs of 10 drifted rows; every third response arrives before its request
        for (int i = 0; i < 15; i++) {
            StringBuilder data = new StringBuilder();
            StringBuilder labels = new StringBuilder();
            for (int r = 0; r < 10; r++) {
                double v = 0.4 + 0.05 * ((i * 10 + r) % 5);
                data.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.2f,%.2f,%.2f,%.2f]", v, v, v, v));
                labels.append(r == 0 ? "" : ",").append(0);
            }
            String req = "{\"id\":\"a" + i + "\",\"inputs\":[{\"name\":\"input\",\"shape\":[10,4],\"datatype\":\"FP32\","
                    + "\"data\":[" + data + "]}]}";
            String resp = "{\"model_name\":\"iris\",\"model_version\":\"v3\",\"id\":\"a" + i + "\",\"outputs\":[{\"name\":"
                    + "\"label\",\"shape\":[10],\"datatype\":\"INT64\",\"data\":[" + labels + "]}]}";
            sendPair("v2-" + i, t0.plusSeconds(3L * i), req, resp, i % 3 == 0, i == 7 ? "canary" : "default");
        }
        // window 2: 15 KServe v1 pairs of 10 iris rows
        for (int i = 0; i < 15; i++) {
            StringBuilder inst = new StringBuilder();
            StringBuilder pred = new StringBuilder();
            for (int r = 0; r < 10; r++) {
                String row = iris.get(i * 10 + r);
                inst.append(r == 0 ? "" : ",").append('[').append(row, 0, row.lastIndexOf(',')).append(']');
                pred.append(r == 0 ? "" : ",").append(row.substring(row.lastIndexOf(',') + 1));
            }
            sendPair("v1-" + i, t0.plusSeconds(60 + 3L * i), "{\"instances\":[" + inst + "]}",
                    "{\"model_name\":\"iris\",\"model_version\":\"v3\",\"predictions\":[" + pred + "]}", false, "default");
        }
        // two bad pairs: output shape does not match its data; a request body that is not JSON
        sendPair("bad-1", t0.plusSeconds(110), "{\"instances\":[[1,2,3,4]]}", "{\"model_name\":\"iris\","
                + "\"model_version\":\"v3\",\"outputs\":[{\"name\":\"label\",\"shape\":[3],\"datatype\":\"INT64\",\"data\":[1]}]}",
                false, "default");
        sendPair("bad-2", t0.plusSeconds(111), "not json", "{\"model_name\":\"iris\",\"model_version\":\"v3\","
                + "\"predictions\":[1]}", false, "default");
        // the closing pair (its time closes both windows) and a request whose response never comes
        sendPair("close", t0.plusSeconds(125), "{\"instances\":[[5.1,3.5,1.4,0.2]]}",
                "{\"model_name\":\"iris\",\"model_version\":\"v3\",\"predictions\":[0]}", false, "default");
        assertThat(post("lonely", CloudEventRoutes.REQUEST, t0.plusSeconds(126), "{\"instances\":[[1,1,1,1]]}", "default")
                .statusCode()).isEqualTo(202);
        assertThat(post("x", "org.example.other", t0, "{}", "default").statusCode()).isEqualTo(400);

        JsonNode stats = client.get("/projects/" + P + "/model-monitoring/cloudevents/stats");
        assertThat(stats.path("pending").asInt()).isOne();
        assertThat(stats.path("expired").asInt()).isZero();
        offsetMillis.set(Duration.ofSeconds(61).toMillis());
        stats = client.get("/projects/" + P + "/model-monitoring/cloudevents/stats");
        assertThat(stats.path("received").asInt()).isEqualTo(67);
        assertThat(stats.path("paired").asInt()).isEqualTo(33);
        assertThat(stats.path("pending").asInt()).isZero();
        assertThat(stats.path("expired_requests").asInt()).isOne();
        assertThat(stats.path("expired_responses").asInt()).isZero();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> dataRows().size() == 301 + 1
                && client.endpoint(P, uid, false).path("status").path("error_count").asInt() == 3);
        JsonNode ep = client.endpoint(P, uid, false);
        assertThat(ep.path("spec").path("function_uri").asText()).isEqualTo(P + "/" + ISVC);
        assertThat(ep.path("status").path("feature_stats").path("petal_width").path("count").asInt()).isEqualTo(150);
        assertThat(ep.path("status").path("last_request").asText()).isEqualTo(t0.plusSeconds(126).toString());
        assertThat(ep.path("metadata").path("labels").path("endpoint").asText()).isIn("default", "canary");
        List<String> rows = dataRows();
        int latency = List.of(rows.getFirst().split(",")).indexOf("latency");
        assertThat(latency).as(rows.getFirst()).isNotNegative();
        assertThat(Double.parseDouble(rows.get(1).split(",")[latency])).isEqualTo(2000.0);

        client.runController(P);
        JsonNode values = client.metricsValues(P, uid, List.of(P + ".histogram-data-drift.result.general_drift"),
                null, null).get(0).path("values");
        assertThat(values).hasSize(2);
        assertThat(values.get(0).get(0).asText()).isEqualTo(t0.plusSeconds(60).toString());
        assertThat(values.get(0).get(2).asInt()).isEqualTo(2);
        assertThat(values.get(1).get(2).asInt()).isZero();
        assertThat(client.endpoints(P, Map.of()).size()).isOne();
    }

    @Test
    void aLabelHeaderOnEitherHalfBecomesTheGroundTruthOfItsRows() throws Exception {
        client.createProject(P);
        client.logModel(P, MODEL, "v3", "sklearn", "label", null, ServingTrackingIT.example("iris.csv"));
        String resp = "{\"model_name\":\"iris\",\"model_version\":\"v3\",\"predictions\":[0, 1]}";
        String req = "{\"instances\":[[5.1,3.5,1.4,0.2],[6.1,2.8,4.7,1.2]]}";
        assertThat(post("l1", CloudEventRoutes.REQUEST, t0, req, "default", "[0, 2]").statusCode()).isEqualTo(202);
        assertThat(post("l1", CloudEventRoutes.RESPONSE, t0.plusMillis(2), resp, "default", null).body())
                .contains("\"paired\":true");
        assertThat(post("l2", CloudEventRoutes.REQUEST, t0.plusSeconds(1), req, "default", null).statusCode())
                .isEqualTo(202);
        assertThat(post("l2", CloudEventRoutes.RESPONSE, t0.plusSeconds(1), resp, "default", "[null, 1]").statusCode())
                .isEqualTo(202);
        HttpResponse<String> bad = post("l3", CloudEventRoutes.REQUEST, t0, req, "default", "{\"a\": 1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("header 'ce-label' must hold a label");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> server.backend()
                .timeSeries().labels(P, uid, t0.minusSeconds(1), t0.plusSeconds(5)).size() == 3);
        assertThat(server.backend().timeSeries().labels(P, uid, t0.minusSeconds(1), t0.plusSeconds(5)))
                .extracting(l -> l.requestId() + "/" + l.row() + "=" + l.labelJson())
                .containsExactlyInAnyOrder("l1/0=0", "l1/1=2", "l2/1=1");
    }

    private void sendPair(String id, Instant when, String req, String resp, boolean responseFirst, String endpoint)
            throws Exception {
        if (responseFirst) {
            assertThat(post(id, CloudEventRoutes.RESPONSE, when.plusMillis(2), resp, endpoint).statusCode()).isEqualTo(202);
            assertThat(post(id, CloudEventRoutes.REQUEST, when, req, endpoint).body()).contains("\"paired\":true");
        } else {
            assertThat(post(id, CloudEventRoutes.REQUEST, when, req, endpoint).statusCode()).isEqualTo(202);
            assertThat(post(id, CloudEventRoutes.RESPONSE, when.plusMillis(2), resp, endpoint).body())
                    .contains("\"paired\":true");
        }
    }

    private HttpResponse<String> post(String id, String type, Instant time, String body, String endpoint)
            throws Exception {
        return post(id, type, time, body, endpoint, null);
    }

    private HttpResponse<String> post(String id, String type, Instant time, String body, String endpoint, String label)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/projects/" + P
                + "/model-monitoring/cloudevents"));
        if (label != null) {
            b.header(CloudEventRoutes.LABEL_HEADER, label);
        }
        return http.send(b
                .header("Content-Type", "application/json").header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", type).header("ce-source", "http://localhost:9081/").header("ce-time", time.toString())
                .header("ce-inferenceservicename", ISVC).header("ce-namespace", "models")
                .header("ce-component", "predictor").header("ce-endpoint", endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> dataRows() {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/projects/" + P
                    + "/model-endpoints/" + uid + "/data?format=csv")).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
