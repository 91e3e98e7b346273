package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringApiTest {
    private static final String MM = "/projects/p1/model-monitoring";
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

    @Test
    void enableDisableAndBasePeriod() {
        Http.Response on = http.post(MM + "/enable-model-monitoring?base_period=5&deploy_histogram_data_drift_app=true", "");
        assertThat(on.status()).isEqualTo(200);
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().basePeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(http.get(MM + "/functions").json().findValuesAsText("name")).containsExactly("histogram-data-drift");
        assertThat(http.patch(MM + "/model-monitoring-controller?base_period=30s", "").status()).isEqualTo(200);
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().basePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.patch(MM + "/model-monitoring-controller?base_period=never", "").errorMessage()).contains("never");
        assertThat(http.post(MM + "/controller/run", "").json().path("windows").asInt()).isZero();
        assertThat(http.delete(MM + "/disable-model-monitoring").status()).isEqualTo(200);
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().enabled()).isFalse();
        assertThat(http.get(MM + "/functions").json()).isEmpty();
        assertThat(http.post("/projects/zz/model-monitoring/enable-model-monitoring", "").status()).isEqualTo(404);
        assertThat(http.post(MM + "/enable-model-monitoring?deploy_histogram_data_drift_app=perhaps", "").status()).isEqualTo(400);
    }

    @Test
    void functionsRegisterListRemove() {
        Http.Response ok = http.post(MM + "/functions", "{\"name\":\"my-app\",\"class_name\":\"io.driftwatch.engine.apps.examples.PredictionMeanShiftApp\",\"params\":{\"potential_shift\":0.5}}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().path("params").path("potential_shift").asText()).isEqualTo("0.5");
        assertThat(http.post(MM + "/functions", "{\"name\":\"bad\",\"class_name\":\"no.Such\"}").errorMessage())
                .contains("no.Such");
        assertThat(http.post(MM + "/functions", "{\"name\":\"Bad Name\",\"class_name\":\"io.driftwatch.engine.apps.examples.PredictionMeanShiftApp\"}").status())
                .isEqualTo(400);
        assertThat(http.post(MM + "/functions", "{\"name\":\"x\"}").errorMessage()).contains("class_name");
        assertThat(http.get(MM + "/functions").json()).hasSize(1);
        assertThat(http.delete(MM + "/functions/my-app").status()).isEqualTo(204);
        assertThat(http.delete(MM + "/functions/my-app").status()).isEqualTo(404);
    }

    @Test
    void credentialsAreValidatedAndConflictsNeedReplace() {
        String c = MM + "/set-model-monitoring-credentials";
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker:9092\",\"tsdb_connection\":\"postgresql://u:p@db:5432/mm\","
                + "\"endpoint_store_connection\":\"mysql://u@db2/mm\"}").status()).isEqualTo(200);
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker:9092/topic\"}").errorMessage()).contains("topic");
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker\"}").errorMessage()).contains("port");
        assertThat(http.post(c, "{\"tsdb_connection\":\"redis://x\"}").errorMessage()).contains("tsdb_connection");
        assertThat(http.post(c, "{\"endpoint_store_connection\":\"postgresql:///nohost\"}").errorMessage()).contains("host");
        assertThat(http.post(c, "{\"colour\":\"x\"}").errorMessage()).contains("colour");
        Http.Response conflict = http.post(c, "{\"stream_path\":\"kafka://other:9092\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorMessage()).contains("stream_path");
        assertThat(http.post(c, "{\"stream_path\":\"kafka://other:9092\",\"replace_creds\":true}").status()).isEqualTo(200);
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().credentials())
                .containsEntry("stream_path", "kafka://other:9092").containsEntry("endpoint_store_connection", "mysql://u@db2/mm");
        assertThat(http.post(c + "?stream_path=embedded&replace_creds=true", "").status()).isEqualTo(200);
    }
}
