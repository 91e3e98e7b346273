package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.Window;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.ModelRecord;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.testkit.TestData;
import io.driftwatch.store.embedded.parquet.ParquetSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything written to a data directory is still there after closing and reopening it. */
class EmbeddedReopenIT {
    @Test
    void closeAndReopenKeepsEverything() throws Exception {
        Path dir = DuckStores.newDir();
        Instant t = TestData.T0;
        ModelEndpoint e = TestData.endpoint("p", "serving", "churn");
        ModelRecord model = new ModelRecord("p", "churn", "1", "sklearn", "y", null, List.of("x", "color"),
                List.of("y"), TestData.featureStats(), t);
        MonitoringSettings settings = new MonitoringSettings("p", true, Duration.ofMinutes(10), Map.of());
        AppRegistration app = new AppRegistration("p", "histogram-data-drift", "io.driftwatch.apps.X", null,
                Map.of(), t);
        AppResult result = new AppResult("p", e.uid(), "histogram-data-drift", t, t.plusSeconds(600),
                "general_drift", 0.5, ResultKind.DATA_DRIFT, ResultStatus.POTENTIAL_DETECTION, "{}");
        AppMetric metric = new AppMetric("p", e.uid(), "histogram-data-drift", t, t.plusSeconds(600), "tvd_mean", 0.4);
        Prediction prediction = new Prediction("p", e.uid(), t, 1200, 2, Map.of());
        try (EmbeddedStores s = DuckStores.open(dir)) {
            SampleStore samples = s.samples();
            s.projects().createProject("p");
            s.projects().putModel(model);
            s.projects().putMonitoringSettings(settings);
            s.projects().putApplication(app);
            s.processorSink().apply(List.of(e), List.of(prediction), List.of(), 7);
            s.endpoints().setLastAnalyzed("p", e.uid(), "histogram-data-drift", t.plusSeconds(600));
            s.timeSeries().writeAppResults(List.of(result));
            s.timeSeries().writeAppMetrics(List.of(metric));
            samples.write(List.of(new SampleRow("p", e.uid(), t, "r1", 1200, Map.of("x", 1.5), Map.of())), 7);
        }
        assertThat(dir.resolve(EmbeddedStores.DATABASE_FILE)).exists();
        try (EmbeddedStores s = DuckStores.open(dir)) {
            SampleStore samples = s.samples();
            assertThat(s.projects().projects()).containsExactly("p");
            assertThat(s.projects().model("p", "churn", null)).contains(model);
            assertThat(s.projects().monitoringSettings("p")).contains(settings);
            assertThat(s.projects().applications("p")).containsExactly(app);
            assertThat(s.endpoints().get("p", e.uid())).contains(e);
            assertThat(s.endpoints().lastAnalyzed("p", e.uid(), "histogram-data-drift"))
                    .contains(t.plusSeconds(600));
            assertThat(s.processorSink().appliedOffset()).isEqualTo(7);
            assertThat(s.timeSeries().predictions("p", e.uid(), t, t.plusSeconds(1))).containsExactly(prediction);
            assertThat(s.timeSeries().latestAppResults("p", e.uid())).containsExactly(result);
            assertThat(s.timeSeries().latestAppMetrics("p", e.uid())).containsExactly(metric);
            assertThat(samples.storedOffset()).isEqualTo(7);
            assertThat(samples.read("p", e.uid(), Window.of(t, Duration.ofMinutes(1))).values("x"))
                    .containsExactly(1.5);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains(EmbeddedStores.DATABASE_FILE, ParquetSamples.OFFSET_FILE, "projects");
        }
    }
}
