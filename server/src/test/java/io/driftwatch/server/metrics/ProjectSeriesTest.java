package io.driftwatch.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-project view of a scrape (issue 18 pt 4): only the key's project's samples and their family lines. */
class ProjectSeriesTest {
    private static final String SCRAPE = """
            # HELP driftwatch_predictions_total Prediction rows
            # TYPE driftwatch_predictions_total counter
            driftwatch_predictions_total{endpoint_id="e1",model="m-a",project="a"} 3.0
            driftwatch_predictions_total{endpoint_id="e2",model="secret-b",project="b"} 5.0
            driftwatch_predictions_total{endpoint_id="e3",model="x\\",project=\\"a",project="b"} 7.0
            # HELP driftwatch_stream_lag_records Records not applied yet
            # TYPE driftwatch_stream_lag_records gauge
            driftwatch_stream_lag_records 0.0
            # HELP driftwatch_stream_partition_lag Lag of a partition
            # TYPE driftwatch_stream_partition_lag gauge
            driftwatch_stream_partition_lag{partition="0",stream="b-stream"} 1.0
            # HELP driftwatch_app_result_value Result
            # TYPE driftwatch_app_result_value gauge
            driftwatch_app_result_value{project="b",result="r"} 0.5
            driftwatch_app_result_value{project="a",result="r"} 0.25
            """;

    @Test
    void keepsTheProjectsSamplesWithTheirFamilyLinesOnly() {
        String a = ProjectSeries.of(SCRAPE, "a");
        assertThat(a).isEqualTo("""
                # HELP driftwatch_predictions_total Prediction rows
                # TYPE driftwatch_predictions_total counter
                driftwatch_predictions_total{endpoint_id="e1",model="m-a",project="a"} 3.0
                # HELP driftwatch_app_result_value Result
                # TYPE driftwatch_app_result_value gauge
                driftwatch_app_result_value{project="a",result="r"} 0.25
                """);
        assertThat(ProjectSeries.of(SCRAPE, "b")).contains("secret-b", "e3").doesNotContain("m-a", "b-stream");
        assertThat(ProjectSeries.of(SCRAPE, "c")).isEmpty();
    }

    @Test
    void readsEscapedLabelValues() {
        String line = "m{model=\"x\\\",project=\\\"a\",project=\"b\"} 1";
        assertThat(ProjectSeries.label(line, "project")).isEqualTo("b");
        assertThat(ProjectSeries.label(line, "model")).isEqualTo("x\",project=\"a");
        assertThat(ProjectSeries.label("m 1", "project")).isNull();
    }
}
