package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The labels table: upsert per (project, uid, request id, row), read by prediction time, kept across a reopen. */
class DuckLabelsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

    @Test
    void labelsAreUpsertedReadByPredictionTimeAndDeleted() throws Exception {
        Path dir = DuckStores.newDir();
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            TimeSeriesStore ts = stores.timeSeries();
            ts.writeLabels(List.of(label("r1", 0, T0, "1"), label("r1", 1, T0, "\"b\""),
                    label("r2", 0, T0.plusSeconds(60), "true")));
            ts.writeLabels(List.of(label("r1", 0, T0, "2"))); // replaces
            assertThat(ts.labels("p", "u", T0, T0.plusSeconds(60))).extracting(LabelRecord::labelJson)
                    .containsExactlyInAnyOrder("2", "\"b\"");
            assertThat(ts.labels("p", "u", T0, T0.plusSeconds(60)).getFirst().predictionTime()).isEqualTo(T0);
            assertThat(ts.labels("p", "other", T0, T0.plusSeconds(120))).isEmpty();
        }
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            TimeSeriesStore ts = stores.timeSeries();
            assertThat(ts.labels("p", "u", T0, T0.plusSeconds(120))).hasSize(3);
            assertThat(ts.deleteOlderThan(T0.plusSeconds(1))).isEqualTo(2);
            ts.deleteEndpoint("p", "u");
            assertThat(ts.labels("p", "u", T0, T0.plusSeconds(120))).isEmpty();
        }
    }

    @Test
    void aBatchThatRepeatsAPredictionRowKeepsItsLastLabel() throws Exception {
        try (EmbeddedStores stores = DuckStores.open(DuckStores.newDir())) {
            TimeSeriesStore ts = stores.timeSeries();
            ts.writeLabels(List.of(label("r1", 0, T0, "1"), label("r2", 0, T0, "5"), label("r1", 0, T0, "3")));
            ts.writeLabels(List.of(label("r2", 0, T0, "6"), label("r2", 0, T0, "7")));
            assertThat(ts.labels("p", "u", T0, T0.plusSeconds(1))).extracting(LabelRecord::requestId,
                    LabelRecord::labelJson).containsExactlyInAnyOrder(tuple("r1", "3"), tuple("r2", "7"));
        }
    }

    private static LabelRecord label(String id, int row, Instant t, String json) {
        return new LabelRecord("p", "u", id, row, t, json, T0.plusSeconds(3600));
    }
}
