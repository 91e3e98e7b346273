package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.concurrent.BackgroundThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints the database file while nobody writes (issue 17). DuckDB folds its write-ahead log into the file when
 * the log reaches {@code checkpoint_threshold} (256 MB), inside the commit that crossed it: that writer — a
 * controller batch, or the processor with acknowledged events waiting — holds the store's write lock for the whole
 * checkpoint (3–5 s at 10,000 endpoints), and every other writer waits. The controller and the processor write in
 * bursts (a cycle per base period, a batch per poll), so this task checks once a second and checkpoints when the log
 * holds at least {@code minBytes} and no write has ended for {@link #QUIET}: a cycle then starts with an empty log and
 * its own writes (~20 KB per window, ~205 MB per 10,000 windows) stay below the threshold, which remains the backstop
 * when writes never pause. The checkpoint's work is the same; it moves to the quiet time between bursts. A check that
 * finds the write lock taken, or a checkpoint that fails (DuckDB refuses while another transaction runs), waits for
 * the next check; failures are logged, never thrown. {@code -Ddriftwatch.duckdb.idle-checkpoint-mb} sets
 * {@code minBytes} in MiB ({@value #DEFAULT_MB} by default, 0 turns it off).
 */
final class IdleCheckpoints implements AutoCloseable {
    static final String PROPERTY = "driftwatch.duckdb.idle-checkpoint-mb";
    static final long DEFAULT_MB = 16;
    /** How long no write must have ended before an idle checkpoint. */
    static final Duration QUIET = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(IdleCheckpoints.class);

    private final DuckDatabase db;
    private final Path wal;
    private final long minBytes;
    private final ScheduledExecutorService timer;

    IdleCheckpoints(DuckDatabase db, Path dbFile, long minBytes, boolean scheduled) {
        this.db = db;
        this.wal = dbFile.resolveSibling(dbFile.getFileName() + ".wal");
        this.minBytes = minBytes;
        this.timer = scheduled && minBytes > 0 ? Executors.newSingleThreadScheduledExecutor(
                BackgroundThreads.factory("driftwatch-duckdb-checkpoint")) : null;
        if (timer != null) {
            timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** The task of a database file, with the size from the system property. */
    static IdleCheckpoints start(DuckDatabase db, Path dbFile) {
        return new IdleCheckpoints(db, dbFile, Long.getLong(PROPERTY, DEFAULT_MB) << 20, true);
    }

    private void check() {
        try {
            runIfIdle(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("idle checkpoint of {} failed, retried at the next check: {}", wal, e.toString());
        }
    }

    /** One check at {@code nowNanos} ({@link System#nanoTime()}); true when it checkpointed. */
    boolean runIfIdle(long nowNanos) {
        if (minBytes <= 0 || walBytes() < minBytes || nowNanos - db.lastWriteNanos() < QUIET.toNanos()) {
            return false;
        }
        long t0 = System.nanoTime();
        boolean done = db.checkpointIfFree();
        if (done) {
            LOG.debug("idle checkpoint of {} in {} ms", wal, (System.nanoTime() - t0) / 1_000_000);
        }
        return done;
    }

    /** The size of the write-ahead log (0 when there is none). */
    long walBytes() {
        try {
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return 0; // removed by a checkpoint meanwhile
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
