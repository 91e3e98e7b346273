package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.testkit.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measures (prints; asserts only the counts) the processor sink's rate: 300 applies of 100 predictions with
 * custom metrics and 10 endpoint upserts each, as the stream processor sends them. Figures in docs/sql-stores.md.
 */
@ExtendWith(SqlDatabaseExtension.class)
class SqlSinkThroughputIT {
    private static final int BATCHES = 300;
    private static final int ROWS = 100;
    private static final int ENDPOINTS = 10;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void appliesBatchesOfAHundredRows(TestDatabase server) throws Exception {
        SqlStores stores = SqlDatabaseExtension.fresh(server);
        ProcessorSink sink = stores.processorSink();
        List<ModelEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            endpoints.add(TestData.endpoint("p", "serving", "m" + i));
        }
        Instant t0 = Instant.parse("2030-07-01T00:00:00Z");
        long start = System.nanoTime();
        for (int b = 0; b < BATCHES; b++) {
            List<Prediction> rows = new ArrayList<>(ROWS);
            for (int r = 0; r < ROWS; r++) {
                ModelEndpoint e = endpoints.get(r % ENDPOINTS);
                rows.add(new Prediction("p", e.uid(), t0.plusMillis((long) b * ROWS + r), 1000 + r, 1,
                        Map.of("accuracy", 0.9)));
            }
            final int n = b;
            List<ModelEndpoint> processed = endpoints.stream().map(e -> TestData.withRequests(e, t0,
                    t0.plusMillis((long) n * ROWS))).toList();
            sink.apply(processed, rows, List.of(), (long) (b + 1) * ROWS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s sink: %d applies of %d rows + %d endpoints in %.2f s = %.0f rows/s, %.1f ms/apply%n",
                server, BATCHES, ROWS, ENDPOINTS, seconds, BATCHES * ROWS / seconds, seconds * 1000 / BATCHES);
        assertThat(sink.appliedOffset()).isEqualTo((long) BATCHES * ROWS);
        assertThat(SqlStoresIT.rows(server, "SELECT count(*) FROM predictions"))
                .containsExactly(Integer.toString(BATCHES * ROWS));
    }
}
