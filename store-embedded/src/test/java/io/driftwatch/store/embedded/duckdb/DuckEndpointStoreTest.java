package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.testkit.EndpointStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class DuckEndpointStoreTest extends EndpointStoreContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected EndpointStore createStore() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return stores.endpoints();
    }

    @Override
    protected EndpointStore reopen(EndpointStore old) {
        stores.close();
        stores = DuckStores.open(dir);
        return stores.endpoints();
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
