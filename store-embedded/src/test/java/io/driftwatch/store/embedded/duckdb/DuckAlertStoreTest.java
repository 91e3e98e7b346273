package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.testkit.AlertStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class DuckAlertStoreTest extends AlertStoreContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected AlertStore createStore() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return DuckAlertStore.of(stores);
    }

    @Override
    protected AlertStore reopen(AlertStore old) {
        stores.close();
        stores = DuckStores.open(dir);
        return DuckAlertStore.of(stores);
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
