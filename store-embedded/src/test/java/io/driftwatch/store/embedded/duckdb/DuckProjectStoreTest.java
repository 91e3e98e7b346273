package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.testkit.ProjectStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class DuckProjectStoreTest extends ProjectStoreContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected ProjectStore createStore() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return stores.projects();
    }

    @Override
    protected ProjectStore reopen(ProjectStore old) {
        stores.close();
        stores = DuckStores.open(dir);
        return stores.projects();
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
