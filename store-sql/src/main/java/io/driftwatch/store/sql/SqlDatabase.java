package io.driftwatch.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQL database: a HikariCP pool, the schema migrated by Flyway on open, and the ports on it. Every operation
 * takes a pooled connection; {@link #write} runs in one transaction (committed, or rolled back on any failure), so
 * a connection lost mid-transaction leaves nothing behind and surfaces as a {@link SqlStoreException}. Inside
 * {@link #together} on a thread, every {@link #read} and {@link #write} of this database's ports on that thread runs
 * on the one connection of its transaction ({@link BatchTransaction}).
 */
final class SqlDatabase implements SqlStores {
    private static final Logger LOG = LoggerFactory.getLogger(SqlDatabase.class);
    private final Target target;
    private final HikariDataSource pool;
    private final Clock clock;
    private final DayPartitions partitions;
    private final SqlProjectStore projects;
    private final SqlEndpointStore endpoints;
    private final SqlTimeSeriesStore timeSeries;
    private final SqlProcessorSink sink;
    private final SqlAlertStore alerts;
    private final SqlAccessKeyStore accessKeys;
    private final SqlAuditLog audit;
    private final ReferenceStats referenceStats = new ReferenceStats();
    /** This thread's {@link #together} transaction on this pool, if one is open. */
    private final ThreadLocal<BatchTransaction> joined = new ThreadLocal<>();
    /** MySQL dialect: whether the server is MariaDB, which has {@code INSERT … RETURNING} ({@link HistoryRows}). */
    private volatile Boolean insertReturning;

    private SqlDatabase(Target target, HikariDataSource pool, Clock clock) {
        this.target = target;
        this.pool = pool;
        this.clock = clock;
        this.partitions = new DayPartitions(this);
        this.projects = new SqlProjectStore(this);
        this.endpoints = new SqlEndpointStore(this);
        this.timeSeries = new SqlTimeSeriesStore(this);
        this.sink = new SqlProcessorSink(this, io.driftwatch.engine.port.StreamPartition.SINGLE);
        this.alerts = new SqlAlertStore(this);
        this.accessKeys = new SqlAccessKeyStore(this);
        this.audit = new SqlAuditLog(this);
    }

    static SqlDatabase open(Target target, Clock clock, int poolSize) {
        Objects.requireNonNull(clock, "clock");
        HikariConfig config = poolConfig(target, poolSize);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the cause (no password in it: the JDBC URL carries none) lets the loader see a connection failure
            throw new SqlStoreException("cannot connect to " + target + ": " + target.clean(rootMessage(e)), null,
                    true, e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(target.dialect().migrations()).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new SqlStoreException("migrating " + target + " failed: " + target.clean(rootMessage(e)), null,
                    false, null);
        }
        LOG.info("SQL store {} opened ({} connections at most)", target, poolSize);
        return new SqlDatabase(target, pool, clock);
    }

    /**
     * The pool: credentials given apart from the URL; a connection waited for at most 5 s (then the operation fails
     * and the caller retries); READ COMMITTED, so every statement sees the latest committed rows (a record read right
     * after its row lock is the current one; MySQL's default REPEATABLE READ would read the transaction's snapshot).
     */
    private static HikariConfig poolConfig(Target target, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("driftwatch-" + target.dialect().name().toLowerCase(java.util.Locale.ROOT));
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return config;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    /** Connections borrowed from the pool now (tests: none left after an operation). */
    int activeConnections() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    Dialect dialect() {
        return target.dialect();
    }

    Clock clock() {
        return clock;
    }

    Target target() {
        return target;
    }

    /** The reference statistics of this database's endpoints and their cache of parsed statistics. */
    ReferenceStats referenceStats() {
        return referenceStats;
    }

    /** Notes, inside a {@link #together} transaction, a result whose extra_data is kept in the history only. */
    void noteHistoryOnly(List<Object> key, long seq) {
        BatchTransaction tx = joined.get();
        if (tx != null) {
            tx.note(key, seq);
        }
    }

    /** The seq noted by {@link #noteHistoryOnly} in this thread's transaction, or null. */
    Long historyOnlySeq(List<Object> key) {
        BatchTransaction tx = joined.get();
        return tx == null ? null : tx.noted(key);
    }

    /** MySQL dialect: whether the server has {@code INSERT … RETURNING} (MariaDB 10.5+; asked once per pool). */
    boolean insertReturning(Connection c) throws SQLException {
        Boolean known = insertReturning;
        if (known == null) {
            known = c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
            insertReturning = known;
        }
        return known;
    }

    DayPartitions partitions() {
        return partitions;
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode (one statement, or reads); inside {@link #together}
     * on this thread, in its transaction (a read sees the transaction's own writes).
     */
    <T> T read(String what, Work<T> work) {
        BatchTransaction tx = joined.get();
        return tx != null ? tx.run(what, work) : detached(what, work);
    }

    /**
     * Runs {@code work} on a connection of its own in auto-commit mode, never in a {@link #together} transaction: DDL
     * (a day partition, visible to every process at once; MySQL would commit the open transaction implicitly).
     */
    <T> T detached(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(c);
            } catch (SQLException e) {
                throw failure(what, e, lost(c));
            }
        } catch (SQLException e) {
            throw failure(what, e, true);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the pool resets
     * auto-commit when the connection returns); inside {@link #together} on this thread, in its transaction.
     */
    <T> T write(String what, Work<T> work) {
        BatchTransaction tx = joined.get();
        if (tx != null) {
            return tx.run(what, work);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c);
                throw failure(what, e, lost(c));
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e, true); // no connection from the pool (timeout): the database is unreachable
        }
    }

    /**
     * Runs {@code writes} in one transaction on one pooled connection: every {@link #read} and {@link #write} of this
     * database's stores it makes on this thread joins it; committed once when {@code writes} returns, rolled back
     * (and the exception rethrown) when it throws, or when a store operation inside failed even if {@code writes}
     * caught that (a {@link SqlStoreException} then). A nested call joins the outer transaction. Stores on another
     * pool (another {@code SqlDatabase}) do not join: each of their writes commits on its own.
     */
    <T> T together(String what, Supplier<T> writes) {
        BatchTransaction outer = joined.get();
        if (outer != null) {
            return outer.nested(writes);
        }
        try (Connection c = pool.getConnection()) {
            BatchTransaction tx = new BatchTransaction(this, c);
            joined.set(tx);
            try {
                return tx.complete(what, writes);
            } finally {
                joined.remove();
            }
        } catch (SQLException e) {
            throw failure(what, e, true); // no connection from the pool (timeout): the database is unreachable
        }
    }

    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls the transaction back
        }
    }

    /** Whether the connection died (the server went away, was restarted, or killed the session). */
    static boolean lost(Connection c) {
        try {
            return c.isClosed() || !c.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    SqlStoreException failure(String what, SQLException e, boolean connectionLost) {
        String state = e.getSQLState();
        boolean transientFailure = connectionLost || e instanceof SQLTransientException
                || e instanceof java.sql.SQLRecoverableException
                || e instanceof java.sql.SQLNonTransientConnectionException
                || (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                || state.startsWith("57P")));
        return new SqlStoreException(what + " on " + target + " failed (SQL state " + state + "): "
                + target.clean(e.getMessage()), state, transientFailure, e);
    }

    @Override
    public ProjectStore projects() {
        return projects;
    }

    @Override
    public EndpointStore endpoints() {
        return endpoints;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public AccessKeyStore accessKeys() {
        return accessKeys;
    }

    @Override
    public AuditLog audit() {
        return audit;
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
    public String toString() {
        return target.toString();
    }

    @Override
    public void close() {
        pool.close();
    }
}
