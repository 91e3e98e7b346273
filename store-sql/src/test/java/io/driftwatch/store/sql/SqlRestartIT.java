package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.testkit.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault: the database server restarts while a writer applies batches through the processor's sink, retrying
 * every failed apply as the stream processor's retrier does. Afterwards every batch is applied exactly once.
 */
@ExtendWith(SqlDatabaseExtension.class)
class SqlRestartIT {
    private static final int BATCHES = 150;
    private static final int ROWS = 100;
    private static final StreamPartition PARTITION = new StreamPartition("monitoring_stream_restart", 2);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyBatchIsAppliedExactlyOnceAcrossAServerRestart(TestDatabase server) throws Exception {
        SqlStores stores = SqlDatabaseExtension.fresh(server);
        ProcessorSink sink = stores.processorSink().forPartition(PARTITION);
        ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(sink, e, failures));
        while (sink.appliedOffset() < 20L * ROWS) {
            Thread.sleep(50);
        }
        Process restart = new ProcessBuilder(server.restartCommand()).inheritIO().start();
        assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
        writer.get(300, TimeUnit.SECONDS);
        server.ensureRunning();
        System.out.printf("%s restart: %d failed applies retried%n", server, failures.get());
        assertThat(failures.get()).as("applies failed while the server restarted").isPositive();
        assertThat(sink.appliedOffset()).isEqualTo((long) BATCHES * ROWS);
        assertThat(SqlStoresIT.rows(server, "SELECT count(*), count(DISTINCT latency_us) FROM predictions"))
                .containsExactly(BATCHES * ROWS + "/" + BATCHES * ROWS);
        assertThat(stores.endpoints().get("p", e.uid()).orElseThrow().status().errorCount()).isEqualTo(BATCHES);
    }

    /** Applies the batches in order; a failed apply is retried (the same call) until it succeeds. */
    private static void write(ProcessorSink sink, ModelEndpoint e, AtomicInteger failures) {
        Instant t0 = Instant.parse("2030-06-01T00:00:00Z");
        for (int b = 0; b < BATCHES; b++) {
            List<Prediction> rows = new ArrayList<>();
            for (int r = 0; r < ROWS; r++) {
                long id = (long) b * ROWS + r;
                rows.add(new Prediction("p", e.uid(), t0.plusMillis(id), id, 1, null));
            }
            ModelEndpoint processed = e.withStatus(e.status().toBuilder().errorCount(b + 1).build());
            applyWithRetries(sink, processed, rows, (long) (b + 1) * ROWS, failures);
            sleep(20);
        }
    }

    private static void applyWithRetries(ProcessorSink sink, ModelEndpoint e, List<Prediction> rows, long next,
                                         AtomicInteger failures) {
        while (true) {
            try {
                sink.apply(List.of(e), rows, List.of(), next);
                return;
            } catch (SqlStoreException x) {
                failures.incrementAndGet();
                sleep(200);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(x);
        }
    }
}
