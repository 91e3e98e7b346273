package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.testkit.EndpointStoreContract;

class MemoryEndpointStoreTest extends EndpointStoreContract {
    @Override
    protected EndpointStore createStore() {
        return MemoryStores.endpointStore();
    }
}
