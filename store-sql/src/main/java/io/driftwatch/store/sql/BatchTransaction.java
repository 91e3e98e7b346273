package io.driftwatch.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * The transaction of one {@link SqlDatabase#together} call ({@code EndpointStore.writeTogether}: a controller batch's
 * app results and metrics, endpoint drift rows and {@code last_analyzed}): one pooled connection, auto-commit off,
 * that every store operation of the database on the calling thread runs on; one commit at the end instead of ~4 (one
 * per write), all rows or none.
 *
 * <p>Once an operation inside has failed the transaction only rolls back: PostgreSQL refuses every later statement
 * of it anyway, and on MySQL/MariaDB a commit would keep the writes before the failure, so a caller that caught the
 * failure and went on must not commit half a batch.
 *
 * <p>PostgreSQL: the transaction runs with {@code SET LOCAL synchronous_commit = off} (this transaction only): its
 * commit returns without waiting for the WAL flush (~0.1-1 ms per commit of server time and a disk sync; the WAL
 * writer flushes within 3 x {@code wal_writer_delay}, 600 ms by default). Safe here because every row of it is
 * derived from windows already stored, and the windows' {@code last_analyzed} commit in the same transaction: a
 * server crash that loses the last batch's commit loses the outputs and their {@code last_analyzed} together, and
 * the controller analyses those windows again on its next cycle. No acknowledged event is involved (ingestion's
 * writes keep the server's setting), and the database stays consistent: an asynchronous commit can be lost, never
 * half applied or corrupt. MySQL/MariaDB have no per-transaction equivalent
 * ({@code innodb_flush_log_at_trx_commit} is global), so they keep the server's durability.
 */
final class BatchTransaction {
    private final SqlDatabase db;
    private final Connection connection;
    /** The history rows whose extra_data is kept there only, by {@link HistoryExtra#key}: seq ({@link #note}). */
    private final java.util.Map<java.util.List<Object>, Long> historyOnly = new java.util.HashMap<>();
    private boolean failed;

    BatchTransaction(SqlDatabase db, Connection connection) {
        this.db = db;
        this.connection = connection;
    }

    /** Begins, runs {@code writes}, commits; rolls back and rethrows on any failure. */
    <T> T complete(String what, Supplier<T> writes) {
        T result;
        try {
            begin();
            result = writes.get();
            if (failed) {
                throw new SqlStoreException(what + " on " + db.target() + " rolled back: a store operation inside "
                        + "it failed", null, false, null);
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            SqlDatabase.rollback(connection);
            throw db.failure(what, e, SqlDatabase.lost(connection));
        } catch (RuntimeException | Error e) {
            SqlDatabase.rollback(connection);
            throw e;
        }
    }

    private void begin() throws SQLException {
        connection.setAutoCommit(false);
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
        }
    }

    /** Notes a result written in this transaction whose extra_data is kept in its history row only. */
    void note(java.util.List<Object> key, long seq) {
        historyOnly.put(key, seq);
    }

    /** The seq {@link #note}d under the key in this transaction, or null. */
    Long noted(java.util.List<Object> key) {
        return historyOnly.get(key);
    }

    /** A nested {@code together}: runs in this transaction; a failure dooms it. */
    <T> T nested(Supplier<T> writes) {
        try {
            return writes.get();
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    /** A store operation in this transaction (not committed here); a failure dooms it. */
    <T> T run(String what, SqlDatabase.Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            failed = true;
            throw db.failure(what, e, SqlDatabase.lost(connection));
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }
}
