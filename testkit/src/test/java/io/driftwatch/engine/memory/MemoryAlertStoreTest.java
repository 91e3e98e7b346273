package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.testkit.AlertStoreContract;

class MemoryAlertStoreTest extends AlertStoreContract {
    @Override
    protected AlertStore createStore() {
        return MemoryStores.alertStore();
    }
}
