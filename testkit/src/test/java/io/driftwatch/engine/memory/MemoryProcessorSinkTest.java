package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.testkit.ProcessorSinkContract;

class MemoryProcessorSinkTest extends ProcessorSinkContract {
    @Override
    protected Fixture createFixture() {
        EndpointStore endpoints = MemoryStores.endpointStore();
        TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
        return new Fixture(MemoryStores.processorSink(endpoints, timeSeries), endpoints, timeSeries);
    }
}
