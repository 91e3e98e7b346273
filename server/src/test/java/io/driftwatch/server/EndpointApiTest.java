package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointApiTest {
    private static final String EP = "{\"metadata\":{\"labels\":{\"team\":\"a\"}},"
            + "\"spec\":{\"function_uri\":\"p1/serving\",\"model\":\"iris\",\"monitoring_mode\":\"enabled\"}}";
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
        uid = EndpointId.of("p1", "p1/serving", "iris", null);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void getOrCreateDerivesTheUidAndListFilters() {
        Http.Response created = http.post("/projects/p1/model-endpoints", EP);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("metadata").path("uid").asText()).isEqualTo(uid);
        Http.Response again = http.post("/projects/p1/model-endpoints", EP.replace("\"a\"", "\"b\""));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("metadata").path("labels").path("team").asText()).isEqualTo("a");
        http.post("/projects/p1/model-endpoints", EP.replace("iris", "other").replace("\"a\"", "\"b\""));
        assertThat(http.get("/projects/p1/model-endpoints").json()).hasSize(2);
        assertThat(http.get("/projects/p1/model-endpoints?model=iris").json()).hasSize(1);
        JsonNode byLabel = http.get("/projects/p1/model-endpoints?label=team=b").json();
        assertThat(byLabel).hasSize(1);
        assertThat(byLabel.get(0).path("spec").path("model").asText()).isEqualTo("other");
        assertThat(http.get("/projects/p1/model-endpoints?label=team").status()).isEqualTo(400);
        assertThat(http.get("/projects/p1/model-endpoints?start=yesterday").errorMessage()).contains("yesterday");
        assertThat(http.get("/projects/p1/model-endpoints?colour=red").errorMessage()).contains("colour");
        assertThat(http.post("/projects/p1/model-endpoints/abc", "{\"metadata\":{\"uid\":\"xyz\"}}").status()).isEqualTo(409);
    }

    @Test
    void getPatchDeleteAndUnknown() {
        http.post("/projects/p1/model-endpoints", EP);
        String path = "/projects/p1/model-endpoints/" + uid;
        assertThat(http.get(path).json().path("spec").path("function_uri").asText()).isEqualTo("p1/serving");
        Http.Response patched = http.patch(path, "{\"spec\":{\"monitoring_mode\":\"disabled\"}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(http.get(path).json().path("spec").path("monitoring_mode").asText()).isEqualTo("disabled");
        assertThat(http.get(path).json().path("spec").path("model").asText()).isEqualTo("iris");
        assertThat(http.patch(path, "{\"spec\":{\"algorithmm\":\"x\"}}").errorMessage()).contains("algorithmm");
        assertThat(http.patch(path, "{\"metadata\":{\"uid\":\"other\"}}").status()).isEqualTo(400);
        assertThat(http.patch(path, "{\"colour\":1}").errorMessage()).contains("colour");
        assertThat(http.get(path + "?feature_analysis=maybe").errorMessage()).contains("maybe");
        Instant t = Instant.now().minusSeconds(60);
        f.backend.timeSeries().writePredictions(List.of(new TimeSeriesRecords.Prediction("p1", uid, t, 5, 1, Map.of())));
        f.backend.samples().write(List.of(new SampleStore.SampleRow("p1", uid, t, "r1", 5, Map.of("x", 1.0), Map.of())), 1);
        assertThat(http.get(path + "/data?format=csv").body()).contains("r1");
        assertThat(http.get(path + "/data?format=xml").errorMessage()).contains("xml");
        assertThat(http.delete(path).status()).isEqualTo(204);
        assertThat(f.backend.timeSeries().predictions("p1", uid, Instant.EPOCH, Instant.now())).isEmpty();
        Http.Response gone = http.get(path);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorMessage()).contains(uid);
        assertThat(http.delete(path).status()).isEqualTo(404);
        assertThat(http.get("/projects/nope/model-endpoints").status()).isEqualTo(404);
    }

    @Test
    void featureAnalysisAndStatsFromTheLoggedModel() throws Exception {
        Path csv = dir.resolve("train.csv");
        Files.writeString(csv, "a,b,label\n1,10,0\n3,30,1\n");
        var client = DriftwatchClient.connect("http://localhost:" + f.server.port());
        http.post("/projects/p1/model-endpoints", EP);
        JsonNode model = client.logModel("p1", "iris", null, "sklearn", "label", null, csv);
        assertThat(model.path("feature_names").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(model.path("feature_stats").path("a").path("mean").asDouble()).isEqualTo(2.0);
        JsonNode ep = client.endpoint("p1", uid, true);
        assertThat(ep.path("status").path("feature_stats").path("b").path("max").asDouble()).isEqualTo(30.0);
        JsonNode features = ep.path("features");
        assertThat(features.findValuesAsText("name")).containsExactly("a", "b");
        assertThat(features.get(0).path("expected").path("mean").asDouble()).isEqualTo(2.0);
        assertThat(features.get(0).path("actual").isNull()).isTrue();
        assertThat(features.get(0).path("tvd").isNull()).isTrue();
        assertThat(client.get("/projects/p1/models/iris").path("label_column").asText()).isEqualTo("label");
        assertThat(http.get("/projects/p1/models/none").status()).isEqualTo(404);
    }

    @Test
    void metricsAndValuesByFullName() {
        http.post("/projects/p1/model-endpoints", EP);
        Instant end = Instant.now().minus(Duration.ofHours(1));
        f.backend.timeSeries().writeAppResults(List.of(new TimeSeriesRecords.AppResult("p1", uid, "histogram-data-drift",
                end.minusSeconds(600), end, "general_drift", 0.8, ResultKind.DATA_DRIFT, ResultStatus.DETECTED, "{}")));
        f.backend.timeSeries().writeAppMetrics(List.of(new TimeSeriesRecords.AppMetric("p1", uid, "histogram-data-drift",
                end.minusSeconds(600), end, "tvd_mean", 0.7)));
        String path = "/projects/p1/model-endpoints/" + uid;
        JsonNode all = http.get(path + "/metrics").json();
        assertThat(all.findValuesAsText("full_name")).containsExactlyInAnyOrder(
                "p1.histogram-data-drift.result.general_drift", "p1.histogram-data-drift.metric.tvd_mean");
        assertThat(http.get(path + "/metrics?type=results").json()).hasSize(1);
        assertThat(http.get(path + "/metrics?type=bogus").status()).isEqualTo(400);
        JsonNode values = http.get(path + "/metrics-values?name=p1.histogram-data-drift.result.general_drift"
                + "&name=p1.histogram-data-drift.metric.tvd_mean").json();
        assertThat(values.get(0).path("values").get(0).get(0).asText()).isEqualTo(end.toString());
        assertThat(values.get(0).path("values").get(0).get(1).asDouble()).isEqualTo(0.8);
        assertThat(values.get(0).path("values").get(0).get(2).asInt()).isEqualTo(2);
        assertThat(values.get(1).path("values").get(0)).hasSize(2);
        String old = http.get(path + "/metrics-values?name=p1.histogram-data-drift.result.general_drift&end="
                + end.minus(Duration.ofHours(30))).body();
        assertThat(old).contains("\"values\":[]");
        assertThat(http.get(path + "/metrics-values?name=general_drift").errorMessage()).contains("general_drift");
        assertThat(http.get(path + "/metrics-values?name=p2.app.result.x").errorMessage()).contains("p2");
        assertThat(http.get(path + "/metrics-values").status()).isEqualTo(400);
    }
}
