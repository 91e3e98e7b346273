package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.testkit.AccessKeyStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class DuckAccessKeyStoreTest extends AccessKeyStoreContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected AccessKeyStore createStore() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return DuckAccessKeyStore.of(stores);
    }

    @Override
    protected AccessKeyStore reopen(AccessKeyStore old) {
        stores.close();
        stores = DuckStores.open(dir);
        return DuckAccessKeyStore.of(stores);
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
