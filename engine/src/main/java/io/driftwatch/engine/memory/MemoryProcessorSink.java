package io.driftwatch.engine.memory;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.util.List;
import java.util.Objects;

/**
 * {@link ProcessorSink} over an endpoint store and a time-series store. A call whose {@code nextOffset} is not
 * beyond {@link #appliedOffset()} is a replay and changes nothing (the contract every sink follows).
 */
final class MemoryProcessorSink implements ProcessorSink {
    private final EndpointStore endpoints;
    private final TimeSeriesStore timeSeries;
    private long applied;

    MemoryProcessorSink(EndpointStore endpoints, TimeSeriesStore timeSeries) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.timeSeries = Objects.requireNonNull(timeSeries, "timeSeries");
    }

    @Override
    public synchronized long appliedOffset() {
        return applied;
    }

    @Override
    public synchronized void apply(List<ModelEndpoint> eps, List<Prediction> predictions, List<ErrorEvent> errors,
                                   long nextOffset) {
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must be >= 0, got " + nextOffset);
        }
        if (nextOffset <= applied) {
            return;
        }
        for (ModelEndpoint e : eps) {
            if (endpoints.update(e.project(), e.uid(), stored -> ProcessorSink.mergeProcessed(stored, e)).isEmpty()) {
                endpoints.put(e);
            }
        }
        timeSeries.writePredictions(predictions);
        timeSeries.writeErrors(errors);
        applied = nextOffset;
    }
}
