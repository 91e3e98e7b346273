package io.driftwatch.store.sql;

import java.io.Serial;

/**
 * A SQL store operation failed: the message names the operation, the database (password masked) and the SQL
 * state. A lost connection (state class {@code 08}), a deadlock or a serialization failure is {@link #transient_}:
 * nothing of the operation was committed and calling it again may succeed (the stream processor's retrier does).
 */
public final class SqlStoreException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String sqlState;
    private final boolean transient_;

    SqlStoreException(String message, String sqlState, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.transient_ = transientFailure;
    }

    /** The SQL state of the failure, or null when there was none. */
    public String sqlState() {
        return sqlState;
    }

    /** True when retrying may succeed (lost connection, deadlock, serialization failure, pool timeout). */
    public boolean isTransient() {
        return transient_;
    }
}
