package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.testkit.TimeSeriesStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class DuckTimeSeriesStoreTest extends TimeSeriesStoreContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected TimeSeriesStore createStore() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return stores.timeSeries();
    }

    @Override
    protected TimeSeriesStore reopen(TimeSeriesStore old) {
        stores.close();
        stores = DuckStores.open(dir);
        return stores.timeSeries();
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
