package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.testkit.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sink throughput at volume: 20 applies of 50,000 predictions each (10 endpoints upserted per apply) after a warm-up
 * apply; checks that every row and offset is applied and prints the rate (figures belong in docs/benchmarks.md, not
 * in an assertion: tests assert no wall-clock times).
 */
class DuckThroughputIT {
    @Test
    void sinkAppliesAMillionPredictionsInBatchesOf50k() throws Exception {
        try (EmbeddedStores stores = DuckStores.open(DuckStores.newDir())) {
            List<ModelEndpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                endpoints.add(TestData.endpoint("p", "serving", "m" + i));
            }
            Instant t0 = TestData.T0;
            List<List<Prediction>> batches = new ArrayList<>();
            for (int b = 0; b < 21; b++) {
                List<Prediction> batch = new ArrayList<>(50_000);
                for (int i = 0; i < 50_000; i++) {
                    batch.add(new Prediction("p", endpoints.get(i % 10).uid(), t0.plusNanos((b * 50_000L + i) * 1000),
                            1000 + i % 977, 1, i % 10 == 0 ? Map.of("acc", 0.5) : Map.of()));
                }
                batches.add(batch);
            }
            stores.processorSink().apply(endpoints, batches.getFirst(), List.of(), 1); // warm-up
            long start = System.nanoTime();
            for (int b = 1; b < batches.size(); b++) {
                stores.processorSink().apply(endpoints, batches.get(b), List.of(), b + 1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = 20 * 50_000 / seconds;
            System.out.printf("DuckDB sink: %.0f predictions/s (%d rows in %.2f s)%n", rate, 1_000_000, seconds);
            assertThat(stores.processorSink().appliedOffset()).isEqualTo(21);
            long stored = endpoints.stream().mapToLong(e -> stores.timeSeries().predictions("p", e.uid(), t0,
                    t0.plusSeconds(3600)).size()).sum();
            assertThat(stored).isEqualTo(21 * 50_000L);
        }
    }
}
