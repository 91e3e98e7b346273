package io.driftwatch.engine.alerts;

import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.testkit.AlertStoreContract;

class MemoryAlertStoreTest extends AlertStoreContract {
    @Override
    protected AlertStore createStore() {
        return AlertStores.inMemory();
    }
}
