package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.testkit.AccessKeyStoreContract;

class MemoryAccessKeyStoreTest extends AccessKeyStoreContract {
    @Override
    protected AccessKeyStore createStore() {
        return MemoryStores.accessKeyStore();
    }
}
