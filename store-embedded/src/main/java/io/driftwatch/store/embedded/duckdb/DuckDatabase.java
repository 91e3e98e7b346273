package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.store.embedded.DuckSettings;
import io.driftwatch.store.embedded.parquet.ParquetSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.duckdb.DuckDBConnection;

/** One DuckDB database: the schema, a small connection pool and the write lock shared by the four ports. */
final class DuckDatabase implements EmbeddedStores {
    private static final int POOL_SIZE = 4;

    private final DuckDBConnection primary;
    private final BlockingQueue<DuckDBConnection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final List<DuckDBConnection> all = new ArrayList<>();
    /** Each pooled connection's statements (filled at open, read-only afterwards). */
    private final Map<DuckDBConnection, StatementCache> statements = new IdentityHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** The connection of this thread's {@link #together} transaction, if one is open. */
    private final ThreadLocal<DuckDBConnection> joined = new ThreadLocal<>();
    /** In this thread's {@link #together} transaction: the seq of each result whose extra_data only the history has. */
    private final ThreadLocal<Map<List<Object>, Long>> historyOnly = new ThreadLocal<>();
    private final Clock clock;
    private final DuckEndpointStore endpoints;
    private final DuckProjectStore projects;
    private final DuckTimeSeriesStore timeSeries;
    private final DuckProcessorSink sink;
    private final ParquetSamples samples;
    /** Parsed reference statistics by hash (content-addressed, never stale; {@link ReferenceStats}). */
    private final ReferenceStats referenceStats = new ReferenceStats();
    private volatile boolean closed;
    /** {@link System#nanoTime()} when the last write transaction ended ({@link IdleCheckpoints}). */
    private volatile long lastWriteNanos = System.nanoTime();
    private IdleCheckpoints idleCheckpoints;

    private DuckDatabase(DuckDBConnection primary, Clock clock, ParquetSamples samples) {
        this.primary = primary;
        this.clock = clock;
        this.samples = samples;
        this.endpoints = new DuckEndpointStore(this);
        this.projects = new DuckProjectStore(this);
        this.timeSeries = new DuckTimeSeriesStore(this);
        this.sink = new DuckProcessorSink(this);
    }

    static DuckDatabase open(Path dataDir, Clock clock) {
        return open(dataDir.resolve(DATABASE_FILE), clock, () -> ParquetSamples.open(dataDir));
    }

    /** Opens the database {@code file}, then the sample store of {@code samples} (null: none). */
    static DuckDatabase open(Path dbFile, Clock clock, Supplier<ParquetSamples> samples) {
        Path file = dbFile.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + file.getParent(), e);
        }
        DuckDBConnection primary;
        try {
            primary = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file,
                    DuckSettings.connectionProperties());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB database " + file + ": " + e.getMessage(), e);
        }
        try {
            SchemaMigrations.migrate(primary, Schema.DDL, Schema.MIGRATIONS, clock);
            DuckDatabase db = new DuckDatabase(primary, clock, samples == null ? null : samples.get());
            for (int i = 0; i < POOL_SIZE; i++) {
                DuckDBConnection c = primary.duplicate();
                db.all.add(c);
                Staging.create(c);
                db.statements.put(c, new StatementCache(c));
                db.idle.add(c);
            }
            db.idleCheckpoints = IdleCheckpoints.start(db, file);
            return db;
        } catch (SQLException e) {
            closeQuietly(primary);
            throw new IllegalStateException("cannot create the schema in " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(primary);
            throw e;
        }
    }

    Clock clock() {
        return clock;
    }

    /** The reference statistics stored apart from the endpoint records, with their parsed cache. */
    ReferenceStats referenceStats() {
        return referenceStats;
    }

    /** Work on one pooled connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(DuckDBConnection c) throws SQLException;
    }

    /**
     * The prepared statement of {@code sql} on the pooled connection {@code c}, from its {@link StatementCache}:
     * close it as usual (try-with-resources), which keeps it for the next use of the same SQL.
     */
    PreparedStatement statement(DuckDBConnection c, String sql) throws SQLException {
        StatementCache cache = statements.get(c);
        return cache == null ? c.prepareStatement(sql) : cache.get(sql);
    }

    /** Runs read-only work on a pooled connection (in autocommit mode). */
    <T> T read(String what, Work<T> work) {
        DuckDBConnection c = borrow();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + what + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(c);
        }
    }

    /**
     * Runs {@code writes} in one transaction under the write lock: every {@link #write} it makes on this thread joins
     * that transaction (committed once when {@code writes} returns, all rolled back if it throws). Reads inside use
     * other connections and see only committed data. Nested calls join the outer one.
     */
    <T> T together(String what, Supplier<T> writes) {
        if (joined.get() != null) {
            return writes.get();
        }
        return write(what, c -> {
            Staging.begin(this, c);
            joined.set(c);
            historyOnly.set(new java.util.HashMap<>());
            try {
                return writes.get();
            } finally {
                joined.remove();
                historyOnly.remove();
            }
        });
    }

    /** Notes, inside a {@link #together} transaction, a result whose extra_data is kept in the history only. */
    void noteHistoryOnly(List<Object> key, long seq) {
        Map<List<Object>, Long> m = historyOnly.get();
        if (m != null) {
            m.put(key, seq);
        }
    }

    /** The seq noted by {@link #noteHistoryOnly} in this thread's transaction, or null. */
    Long historyOnlySeq(List<Object> key) {
        Map<List<Object>, Long> m = historyOnly.get();
        return m == null ? null : m.get(key);
    }

    /** Whether {@code c} is this thread's {@link #together} connection (its transaction has begun). */
    boolean joined(DuckDBConnection c) {
        return joined.get() == c;
    }

    /**
     * Runs work in one transaction under the write lock: committed if it returns, rolled back if it throws; inside
     * {@link #together} on this thread, in its transaction.
     */
    <T> T write(String what, Work<T> work) {
        DuckDBConnection shared = joined.get();
        if (shared != null) {
            try {
                return work.run(shared);
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB: " + what + " failed: " + e.getMessage(), e);
            }
        }
        writeLock.lock();
        DuckDBConnection c = borrow();
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + what + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(c);
            lastWriteNanos = System.nanoTime();
            writeLock.unlock();
        }
    }

    /** When the last write transaction ended ({@link System#nanoTime()}). */
    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * Runs a DuckDB {@code CHECKPOINT} under the write lock if nobody holds it; false when the lock was taken or the
     * store is closed. A failing checkpoint (DuckDB refuses while another transaction runs) throws.
     */
    boolean checkpointIfFree() {
        if (!writeLock.tryLock()) {
            return false;
        }
        try {
            if (closed) {
                return false;
            }
            DuckDBConnection c = borrow();
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB: checkpoint failed: " + e.getMessage(), e);
            } finally {
                idle.add(c);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private DuckDBConnection borrow() {
        if (closed) {
            throw new IllegalStateException("the embedded store is closed");
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a DuckDB connection", e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is reported; a failed rollback leaves nothing committed
        }
    }

    @Override
    public EndpointStore endpoints() {
        return endpoints;
    }

    @Override
    public ProjectStore projects() {
        return projects;
    }

    @Override
    public TimeSeriesStore timeSeries() {
        return timeSeries;
    }

    @Override
    public ProcessorSink processorSink() {
        return sink;
    }

    @Override
    public SampleStore samples() {
        if (samples == null) {
            throw new IllegalStateException("this database was opened without its sample store (openDatabase)");
        }
        return samples;
    }

    @Override
    public void close() {
        if (idleCheckpoints != null) {
            idleCheckpoints.close();
        }
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            statements.values().forEach(StatementCache::close);
            for (DuckDBConnection c : all) {
                closeQuietly(c);
            }
            closeQuietly(primary);
            if (samples != null) {
                samples.close();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do with a connection that fails to close
        }
    }
}
