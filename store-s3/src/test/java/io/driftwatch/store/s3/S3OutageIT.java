package io.driftwatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The object store down for 30 s while two partitions write: writes fail and are retried (one writer retries the
 * same batch like the stream processor, the other retries with the rows that arrived meanwhile, i.e. other flush
 * boundaries), s3proxy comes back on the same port and directory, and afterwards every row is stored exactly once.
 */
class S3OutageIT {
    private static final StreamPartition SAME = new StreamPartition("monitoring_stream_p", 0);
    private static final StreamPartition GROWING = new StreamPartition("monitoring_stream_p", 1);
    private static final int BATCHES = 60;
    private static final int BATCH = 10;
    private final List<S3SampleStore> opened = new ArrayList<>();

    @AfterEach
    void restartAndClose() {
        S3ProxyFixture.get().start();
        opened.forEach(S3SampleStore::close);
    }

    private S3SampleStore open(String base, String name) {
        Path dir = Path.of("target", "s3-test", base + name).toAbsolutePath();
        S3SampleStore s = S3SampleStore.open(S3ProxyFixture.get().bucket("driftwatch-test"), base,
                dir.resolve("cache"), dir.resolve("staging"));
        opened.add(s);
        return s;
    }

    /** A writer thread: BATCHES batches of BATCH rows (offsets = row numbers), retrying failed writes every 200 ms. */
    private static Thread writer(SampleStore store, int firstRow, boolean growOnFailure, AtomicLong written,
                                 AtomicInteger failures) {
        return Thread.ofPlatform().name("writer-" + firstRow).start(() -> {
            List<SampleRow> pending = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                pending.addAll(S3SampleStoreIT.rows(firstRow + b * BATCH, firstRow + (b + 1) * BATCH));
                long next = firstRow + (b + 1L) * BATCH;
                while (true) {
                    try {
                        store.write(List.copyOf(pending), next - firstRow);
                        pending.clear();
                        written.set(next - firstRow);
                        break;
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        if (growOnFailure && b < BATCHES - 1) {
                            break; // keep the rows: the next batch's write covers both ranges
                        }
                    }
                    sleep(200);
                }
                sleep(100);
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void afterThirtySecondsDownEveryRowIsStoredExactlyOnce() throws Exception {
        String base = "outage-" + ProcessHandle.current().pid() + "/";
        S3SampleStore store = open(base, "writer");
        AtomicLong sameWritten = new AtomicLong();
        AtomicLong growingWritten = new AtomicLong();
        AtomicInteger sameFailures = new AtomicInteger();
        AtomicInteger growingFailures = new AtomicInteger();
        Thread same = writer(store.forPartition(SAME), 0, false, sameWritten, sameFailures);
        Thread growing = writer(store.forPartition(GROWING), 1_000, true, growingWritten, growingFailures);
        await().atMost(Duration.ofMinutes(2)).until(() -> sameWritten.get() >= 5 * BATCH
                && growingWritten.get() >= 5 * BATCH);
        S3ProxyFixture.get().stop();
        long stoppedAt = System.nanoTime();
        await().atMost(Duration.ofMinutes(1)).until(() -> sameFailures.get() > 2 && growingFailures.get() > 2);
        long writtenDuringOutage = sameWritten.get();
        Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - stoppedAt) / 1_000_000));
        assertThat(sameWritten.get()).as("nothing is stored while the object store is down")
                .isEqualTo(writtenDuringOutage);
        S3ProxyFixture.get().start();
        same.join(Duration.ofMinutes(3));
        growing.join(Duration.ofMinutes(3));
        assertThat(same.isAlive() || growing.isAlive()).isFalse();
        assertThat(sameWritten.get()).isEqualTo((long) BATCHES * BATCH);
        assertThat(growingWritten.get()).isEqualTo((long) BATCHES * BATCH);

        S3SampleStore reader = open(base, "reader");
        assertThat(reader.forPartition(SAME).storedOffset()).isEqualTo((long) BATCHES * BATCH);
        assertThat(reader.forPartition(GROWING).storedOffset()).isEqualTo((long) BATCHES * BATCH);
        List<String> ids = new ArrayList<>(S3SampleStoreIT.requestIds(reader, "u"));
        ids.addAll(S3SampleStoreIT.requestIds(reader, "v"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < BATCHES * BATCH; i++) {
            expected.add("req-" + i);
            expected.add("req-" + (1_000 + i));
        }
        assertThat(ids).hasSize(2 * BATCHES * BATCH).containsExactlyInAnyOrderElementsOf(expected);
    }
}
