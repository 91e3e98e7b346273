package io.driftwatch.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.server.Backend;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceGaugesTest {
    private static final Instant W1 = Instant.parse("2026-12-01T10:10:00Z");
    private static final Instant W2 = Instant.parse("2026-12-01T10:20:00Z");
    private static final String APP = "model-performance";

    private static AppResult result(Instant end, String name, double v, String extra) {
        return new AppResult("p", "u", APP, end.minusSeconds(600), end, name, v, ResultKind.MODEL_PERFORMANCE,
                ResultStatus.NO_DETECTION, extra);
    }

    private static Backend backend(TimeSeriesStore ts) {
        var projects = MemoryStores.projectStore();
        projects.createProject("p");
        var endpoints = MemoryStores.endpointStore();
        endpoints.put(new ModelEndpoint(new ModelEndpoint.Metadata("p", "u", Map.of()),
                ModelEndpoint.Spec.builder().model("iris").build(), ModelEndpoint.Status.initial(FeatureStats.empty())));
        return new Backend(Clock.systemUTC(), projects, endpoints, ts, null, null, null, null, null);
    }

    private static String line(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no line " + prefix + " in\n" + scrape));
    }

    @Test
    void newestRealizedEstimatedWithBandAndCoveragePerEndpoint() {
        TimeSeriesStore ts = MemoryStores.timeSeriesStore();
        ts.writeAppResults(List.of(result(W1, "accuracy", 0.9, "{\"label_coverage\":1.0}"),
                result(W1, "estimated_accuracy", 0.88, "{\"lower\":0.8,\"upper\":0.96}"),
                result(W2, "estimated_accuracy", 0.85, "{\"lower\":0.75,\"upper\":0.95}"),
                new AppResult("p", "u", "histogram-data-drift", W2.minusSeconds(600), W2, "general_drift", 0.3,
                        ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, null)));
        ts.writeAppMetrics(List.of(new AppMetric("p", "u", APP, W1.minusSeconds(600), W1, "label_coverage", 1.0),
                new AppMetric("p", "u", APP, W2.minusSeconds(600), W2, "label_coverage", 0.25)));
        ServerMetrics metrics = ServerMetrics.create();
        String text = metrics.scrape(backend(ts));
        String tags = "{application=\"model-performance\",endpoint_id=\"u\",metric=\"accuracy\",model=\"iris\",project=\"p\"}";
        assertThat(line(text, "driftwatch_performance_realized" + tags)).endsWith(" 0.9");
        assertThat(line(text, "driftwatch_performance_estimated" + tags)).as("the newest window's estimate").endsWith(" 0.85");
        assertThat(line(text, "driftwatch_performance_estimated_lower" + tags)).endsWith(" 0.75");
        assertThat(line(text, "driftwatch_performance_estimated_upper" + tags)).endsWith(" 0.95");
        assertThat(line(text, "driftwatch_label_coverage{application=\"model-performance\",endpoint_id=\"u\",model=\"iris\",project=\"p\"}"))
                .endsWith(" 0.25");
        assertThat(text).doesNotContain("metric=\"general_drift\"");
    }

    @Test
    void gaugesOfADeletedEndpointAreRemoved() {
        TimeSeriesStore ts = MemoryStores.timeSeriesStore();
        ts.writeAppResults(List.of(result(W1, "accuracy", 0.9, null)));
        Backend b = backend(ts);
        ServerMetrics metrics = ServerMetrics.create();
        assertThat(metrics.scrape(b)).contains("driftwatch_performance_realized{");
        b.endpoints().delete("p", "u");
        assertThat(metrics.scrape(b)).doesNotContain("driftwatch_performance_realized{");
    }
}
