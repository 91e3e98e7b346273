package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link IdleCheckpoints}: the log is folded into the file once writes pause, not while they go on. */
class DuckIdleCheckpointTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private Path dir;
    private DuckDatabase db;

    @BeforeEach
    void open() throws Exception {
        dir = DuckStores.newDir();
        db = (DuckDatabase) DuckStores.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void writeResults(int n) {
        List<AppResult> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new AppResult("p", "u" + i, "app", T0.minusSeconds(600), T0, "r", i, ResultKind.DATA_DRIFT,
                    ResultStatus.NO_DETECTION, "{\"pad\":\"" + "x".repeat(3000) + i + "\"}"));
        }
        db.timeSeries().writeAppOutputs(rows, List.of());
    }

    @Test
    void theLogIsCheckpointedOnlyWhenItIsLargeEnoughAndWritesHavePaused() {
        IdleCheckpoints task = new IdleCheckpoints(db, dir.resolve(EmbeddedStores.DATABASE_FILE), 1 << 20, false);
        writeResults(10);
        long small = task.walBytes();
        assertThat(task.runIfIdle(db.lastWriteNanos() + IdleCheckpoints.QUIET.toNanos() * 2))
                .as("a log under the minimum stays").isFalse();
        assertThat(task.walBytes()).isEqualTo(small);
        writeResults(1_000);
        long large = task.walBytes();
        assertThat(large).isGreaterThan(1 << 20);
        assertThat(task.runIfIdle(db.lastWriteNanos() + IdleCheckpoints.QUIET.toNanos() / 2))
                .as("writes ended too recently").isFalse();
        assertThat(task.walBytes()).isEqualTo(large);
        assertThat(task.runIfIdle(db.lastWriteNanos() + IdleCheckpoints.QUIET.toNanos())).isTrue();
        assertThat(task.walBytes()).isLessThan(small + 1);
        assertThat(db.timeSeries().latestAppResults("p", "u999")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(999));
    }

    @Test
    void aCheckpointWaitsWhileAWriterHoldsTheLock() throws Exception {
        IdleCheckpoints task = new IdleCheckpoints(db, dir.resolve(EmbeddedStores.DATABASE_FILE), 1, false);
        writeResults(10);
        boolean[] inside = new boolean[1];
        db.write("hold the lock", c -> {
            Thread t = Thread.ofPlatform().start(() -> inside[0] = db.checkpointIfFree());
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(inside[0]).as("the lock was held by a writer").isFalse();
        assertThat(db.checkpointIfFree()).isTrue();
    }
}
