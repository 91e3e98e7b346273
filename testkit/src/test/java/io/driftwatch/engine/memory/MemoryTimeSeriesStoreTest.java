package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.testkit.TimeSeriesStoreContract;

class MemoryTimeSeriesStoreTest extends TimeSeriesStoreContract {
    @Override
    protected TimeSeriesStore createStore() {
        return MemoryStores.timeSeriesStore();
    }
}
