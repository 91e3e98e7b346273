package io.driftwatch.store.embedded.backend;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.StoreProvider;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.store.embedded.duckdb.DuckAccessKeyStore;
import io.driftwatch.store.embedded.duckdb.DuckAlertStore;
import io.driftwatch.store.embedded.duckdb.DuckAuditLog;
import io.driftwatch.store.embedded.duckdb.EmbeddedStores;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code --endpoint-store-connection} and {@code --tsdb-connection} {@code embedded} ({@code
 * {data-dir}/driftwatch.duckdb}), a directory (its {@code driftwatch.duckdb}) or a {@code .duckdb} file. Both
 * settings must name the same database: the processor's sink writes endpoint records, predictions and its offset
 * in one DuckDB transaction. The database is opened once per server and shared by both.
 */
public final class EmbeddedStoreProvider implements StoreProvider {
    static final Set<String> SCHEMES = Set.of(BackendUri.EMBEDDED, BackendUri.FILE);

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    public EndpointStores openEndpointStores(BackendUri uri, BackendContext context) {
        EmbeddedStores db = database(uri, context);
        return new EndpointStores(db.projects(), db.endpoints(), DuckAlertStore.of(db), DuckAccessKeyStore.of(db),
                DuckAuditLog.of(db));
    }

    @Override
    public TimeSeriesStores openTimeSeries(BackendUri uri, EndpointStores endpointStores, BackendContext context) {
        EmbeddedStores db = database(uri, context);
        if (endpointStores.endpoints() != db.endpoints()) {
            throw new IllegalArgumentException("tsdb-connection '" + uri + "' (the embedded DuckDB "
                    + file(uri, context) + ") must be the same database as the endpoint store: the stream "
                    + "processor writes endpoint records and predictions in one transaction");
        }
        return new TimeSeriesStores(db.timeSeries(), db.processorSink());
    }

    private static EmbeddedStores database(BackendUri uri, BackendContext context) {
        Path file = file(uri, context);
        return context.shared("embedded-duckdb:" + file,
                () -> context.register(EmbeddedStores.openDatabase(file, context.clock())));
    }

    private static Path file(BackendUri uri, BackendContext context) {
        Path p = uri.path().orElse(context.dataDir());
        Path file = p.getFileName() != null && p.getFileName().toString().endsWith(".duckdb") ? p
                : p.resolve(EmbeddedStores.DATABASE_FILE);
        return file.toAbsolutePath().normalize();
    }
}
