package io.driftwatch.store.sql;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.StoreProvider;
import io.driftwatch.engine.backend.TimeSeriesStores;
import java.util.Set;

/**
 * {@code --endpoint-store-connection} and {@code --tsdb-connection} {@code postgresql://user:pass@host:port/db}
 * ({@code postgres://}, {@code postgresql+psycopg2://}) or {@code mysql://…} ({@code mysql+pymysql://},
 * {@code mariadb://}; through the MariaDB JDBC driver). One pool per database URI per server, shared by both
 * settings when they name the same database. The time-series setting must name the database of the endpoint
 * store: the processor's sink upserts endpoint records, inserts predictions and stores its offset in one
 * transaction. Option {@value #POOL_SIZE}: the pool's maximum size (default {@value SqlStores#DEFAULT_POOL_SIZE}).
 */
public final class SqlStoreProvider implements StoreProvider {
    /** The option naming the maximum pool size. */
    public static final String POOL_SIZE = "sql.pool-size";

    @Override
    public Set<String> schemes() {
        return Set.of("postgresql", "mysql");
    }

    @Override
    public EndpointStores openEndpointStores(BackendUri uri, BackendContext context) {
        SqlStores db = database(uri, context);
        return new EndpointStores(db.projects(), db.endpoints(), db.alerts(), db.accessKeys(), db.audit());
    }

    @Override
    public TimeSeriesStores openTimeSeries(BackendUri uri, EndpointStores endpointStores, BackendContext context) {
        if (!(endpointStores.endpoints() instanceof SqlEndpointStore eps)
                || !eps.target().jdbcUrl().equals(Target.of(uri).jdbcUrl())) {
            throw new IllegalArgumentException("tsdb-connection '" + uri + "' must name the database of the "
                    + "endpoint store: the stream processor writes endpoint records and predictions in one "
                    + "transaction");
        }
        SqlStores db = database(uri, context);
        return new TimeSeriesStores(db.timeSeries(), db.processorSink());
    }

    private static SqlStores database(BackendUri uri, BackendContext context) {
        int poolSize = Integer.parseInt(context.option(POOL_SIZE, Integer.toString(SqlStores.DEFAULT_POOL_SIZE)));
        return context.shared("sql:" + uri.secretValue(),
                () -> context.register(SqlStores.open(uri, context.clock(), poolSize)));
    }
}
