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
    void createModelMonitoringFunctionChecksAndReturnsTheSpecWithoutRegistering() {
        String app = "{\"name\":\"my-app\",\"class_name\":\"io.driftwatch.engine.apps.examples.PredictionMeanShiftApp\","
                + "\"params\":{\"potential_shift\":0.5}}";
        Http.Response spec = http.post(MM + "/functions?dry_run=true", app);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.json().path("name").asText()).isEqualTo("my-app");
        assertThat(spec.json().path("class_name").asText()).endsWith("PredictionMeanShiftApp");
        assertThat(spec.json().path("params").path("potential_shift").asText()).isEqualTo("0.5");
        assertThat(spec.json().path("registered").asBoolean(true)).isFalse();
        assertThat(spec.json().path("exists").asBoolean(true)).isFalse();
        assertThat(http.get(MM + "/functions").json()).isEmpty();
        assertThat(f.backend.projects().applications("p1")).isEmpty();

        Http.Response builtIn = http.post(MM + "/functions?dry_run=true", "{\"name\":\"drift-tests\"}");
        assertThat(builtIn.json().path("class_name").asText()).endsWith("DriftTestsApp");
        Http.Response bad = http.post(MM + "/functions?dry_run=true", "{\"name\":\"bad\",\"class_name\":\"no.Such\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("invalid monitoring function 'bad'").contains("no.Such");
        assertThat(http.post(MM + "/functions?dry_run=perhaps", app).status()).isEqualTo(400);
        assertThat(http.post("/projects/zz/model-monitoring/functions?dry_run=true", app).status()).isEqualTo(404);

        assertThat(http.post(MM + "/functions", app).status()).isEqualTo(201);
        Http.Response again = http.post(MM + "/functions?dry_run=true", app);
        assertThat(again.json().path("exists").asBoolean()).isTrue();
        assertThat(http.get(MM + "/functions").json()).hasSize(1);
    }

    @Test
    void endpointStreamPathIsTheProjectsStreamOrTheServersEmbeddedLog() {
        Http.Response created = http.post("/projects/p1/model-endpoints",
                "{\"spec\":{\"function_uri\":\"p1/serving\",\"model\":\"m\"}}");
        assertThat(created.status()).isEqualTo(201);
        String uid = created.json().path("metadata").path("uid").asText();
        String embedded = "embedded://" + dir.resolve("stream").toAbsolutePath().normalize();
        assertThat(created.json().path("spec").path("stream_path").asText()).isEqualTo(embedded);
        assertThat(http.get("/projects/p1/model-endpoints/" + uid).json().path("spec").path("stream_path").asText())
                .isEqualTo(embedded);
        assertThat(http.post(MM + "/set-model-monitoring-credentials?stream_path=kafka://broker:9092", "").status())
                .isEqualTo(200);
        assertThat(http.get("/projects/p1/model-endpoints").json().get(0).path("spec").path("stream_path").asText())
                .isEqualTo("kafka://broker:9092");
    }

    @Test
    void credentialsAreValidatedAndConflictsNeedReplace() {
        String c = MM + "/set-model-monitoring-credentials";
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker:9092\",\"tsdb_connection\":\"postgresql://u:p@db:5432/mm\","
                + "\"endpoint_store_connection\":\"mysql://u@db2/mm\"}").status()).isEqualTo(200);
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker:9092/topic\"}").errorMessage()).contains("topic");
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker:9092?topic=mine\"}").errorMessage())
                .contains("topic_prefix");
        assertThat(http.post(c, "{\"stream_path\":\"kafka://broker:9092?topic_prefix=a/b\"}").status()).isEqualTo(400);
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

    @Test
    void credentialsSetAfterMonitoringWasEnabledAreAConflictUnlessReplaced() {
        String c = MM + "/set-model-monitoring-credentials";
        assertThat(http.post(MM + "/enable-model-monitoring", "").status()).isEqualTo(200);
        Http.Response late = http.post(c, "{\"tsdb_connection\":\"postgresql://u:late-pw@db/mm\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorMessage()).contains("already enabled").contains("tsdb_connection")
                .contains("replace_creds").contains("u:***@db");
        assertThat(late.body()).doesNotContain("late-pw");
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().credentials())
                .doesNotContainKey("tsdb_connection");
        assertThat(http.post(c, "{\"stream_path\":\"embedded\"}").status()).as("no change").isEqualTo(200);
        assertThat(http.post(c + "?replace_creds=true", "{\"tsdb_connection\":\"postgresql://u:late-pw@db/mm\"}")
                .status()).isEqualTo(200);
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().credentials())
                .containsEntry("tsdb_connection", "postgresql://u:late-pw@db/mm");
    }

    @Test
    void mlrunsUrlFormsAreAcceptedAndNoAnswerShowsThePassword() {
        String c = MM + "/set-model-monitoring-credentials";
        Http.Response set = http.post(c, "{\"stream_path\":\"kafka://broker:9092\","
                + "\"tsdb_connection\":\"postgresql+psycopg://mm:s3cret@tsdb:5432/mm\","
                + "\"endpoint_store_connection\":\"mysql+pymysql://root:s3cret@mysql:3306/mlrun\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).doesNotContain("s3cret");
        assertThat(set.json().path("credentials").path("endpoint_store_connection").asText())
                .isEqualTo("mysql+pymysql://root:***@mysql:3306/mlrun");
        Http.Response get = http.get(MM + "/settings");
        assertThat(get.body()).doesNotContain("s3cret");
        assertThat(get.json().path("credentials").path("tsdb_connection").asText())
                .isEqualTo("postgresql+psycopg://mm:***@tsdb:5432/mm");
        assertThat(f.backend.projects().monitoringSettings("p1").orElseThrow().credentials())
                .containsEntry("endpoint_store_connection", "mysql+pymysql://root:s3cret@mysql:3306/mlrun");

        Http.Response conflict = http.post(c, "{\"tsdb_connection\":\"postgresql://mm:0ther@tsdb/mm\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).doesNotContain("s3cret").doesNotContain("0ther").contains("mm:***@tsdb");

        Http.Response v3io = http.post(c, "{\"stream_path\":\"v3io\"}");
        assertThat(v3io.status()).isEqualTo(400);
        assertThat(v3io.errorMessage()).contains("v3io").contains("not supported").contains("kafka://host:port");
        Http.Response v3ioStore = http.post(c, "{\"endpoint_store_connection\":\"v3io:///users/pipelines\"}");
        assertThat(v3ioStore.errorMessage()).contains("not supported").contains("postgresql://").contains("mysql://");
        Http.Response taos = http.post(c + "?replace_creds=true",
                "{\"tsdb_connection\":\"taosws://root:taospw@taos:6041\"}");
        assertThat(taos.status()).isEqualTo(400);
        assertThat(taos.errorMessage()).contains("TDEngine").contains("not supported").contains("postgresql://")
                .doesNotContain("taospw").contains("root:***@taos");
        Http.Response badUri = http.post(c + "?replace_creds=true",
                "{\"tsdb_connection\":\"postgresql://u:p w^d@db/mm\"}");
        assertThat(badUri.status()).isEqualTo(400);
        assertThat(badUri.body()).doesNotContain("p w^d").contains("u:***@db");
        Http.Response badScheme = http.post(c + "?replace_creds=true",
                "{\"endpoint_store_connection\":\"oracle://u:hunter2@db/mm\"}");
        assertThat(badScheme.errorMessage()).contains("mysql+pymysql://").doesNotContain("hunter2");
        assertThat(http.post(c + "?replace_creds=true", "{\"endpoint_store_connection\":\"postgresql+psycopg2://u@db/mm\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void projectMinRowsIsAMonitoringSetting() {
        assertThat(http.post(MM + "/enable-model-monitoring?min_rows=20", "").json().path("min_rows").asInt())
                .isEqualTo(20);
        assertThat(http.patch(MM + "/model-monitoring-controller?min_rows=5", "").status()).isEqualTo(200);
        assertThat(http.get(MM + "/settings").json().path("min_rows").asInt()).isEqualTo(5);
        assertThat(http.get(MM + "/settings").json().path("credentials").has("min_rows")).isFalse();
        assertThat(http.patch(MM + "/model-monitoring-controller?min_rows=0", "").errorMessage()).contains("min_rows");
        assertThat(http.post(MM + "/set-model-monitoring-credentials", "{\"stream_path\":\"embedded\"}").json()
                .path("min_rows").asInt()).isEqualTo(5);
    }
}
