package io.driftwatch.store.sql;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;

/**
 * Every store port on one PostgreSQL or MySQL/MariaDB database ({@code postgresql://user:pass@host:port/db},
 * {@code mysql://…}, {@code mysql+pymysql://…}): projects, models, settings, applications, endpoint records and
 * schedules, alerts, access keys, the audit log, the time series and the processor's sink with one offset per
 * (stream, partition). Opening migrates the schema with Flyway (versioned scripts under
 * {@code db/migration/{postgresql,mysql}}, the same logical schema for both) and pools connections with HikariCP.
 * Thread-safe; several Driftwatch processes may share one database (no in-process cache of anything another
 * process writes, row locks for read-modify-write).
 */
public interface SqlStores extends AutoCloseable {
    /** The default maximum number of pooled connections. */
    int DEFAULT_POOL_SIZE = 10;

    /**
     * Opens the database named by {@code uri}, migrating its schema.
     *
     * @throws IllegalArgumentException for a URI that is not {@code postgresql://} or {@code mysql://} with a host and
     *                                  a database
     * @throws SqlStoreException        when the database cannot be reached or migrated (message masked)
     */
    static SqlStores open(BackendUri uri, Clock clock, int poolSize) {
        return SqlDatabase.open(Target.of(uri), clock, poolSize);
    }

    ProjectStore projects();

    EndpointStore endpoints();

    AlertStore alerts();

    AccessKeyStore accessKeys();

    AuditLog audit();

    TimeSeriesStore timeSeries();

    /** The sink of {@link io.driftwatch.engine.port.StreamPartition#SINGLE}; others through {@code forPartition}. */
    ProcessorSink processorSink();

    /** Closes the pool; the ports must not be used afterwards. */
    @Override
    void close();
}
