package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.testkit.SampleStoreContract;

class MemorySampleStoreTest extends SampleStoreContract {
    @Override
    protected SampleStore createStore() {
        return MemoryStores.sampleStore();
    }

    @Override
    protected boolean supportsParquetExport() {
        return false;
    }
}
