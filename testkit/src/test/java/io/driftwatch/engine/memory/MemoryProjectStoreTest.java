package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.testkit.ProjectStoreContract;

class MemoryProjectStoreTest extends ProjectStoreContract {
    @Override
    protected ProjectStore createStore() {
        return MemoryStores.projectStore();
    }
}
