package io.driftwatch.engine.memory;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ProcessorSink} over an endpoint store and a time-series store. A call whose {@code nextOffset} is not
 * beyond {@link #appliedOffset()} is a replay and changes nothing (the contract every sink follows).
 * {@link #forPartition} views keep one offset per {@code (stream, partition)}; the sink itself is {@code SINGLE}'s.
 */
final class MemoryProcessorSink implements ProcessorSink {
    private final EndpointStore endpoints;
    private final TimeSeriesStore timeSeries;
    /** The next offset of each partition; guarded by this sink's monitor (its views share it). */
    private final Map<StreamPartition, Long> applied = new HashMap<>();

    MemoryProcessorSink(EndpointStore endpoints, TimeSeriesStore timeSeries) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.timeSeries = Objects.requireNonNull(timeSeries, "timeSeries");
    }

    @Override
    public long appliedOffset() {
        return appliedOffset(StreamPartition.SINGLE);
    }

    @Override
    public void apply(List<ModelEndpoint> eps, List<Prediction> predictions, List<ErrorEvent> errors, long nextOffset) {
        apply(StreamPartition.SINGLE, eps, predictions, errors, nextOffset);
    }

    /** A view keeping the offset of {@code partition}, under this sink's lock (offsets of partitions independent). */
    @Override
    public ProcessorSink forPartition(StreamPartition partition) {
        if (partition.single()) {
            return this;
        }
        return new ProcessorSink() {
            @Override
            public long appliedOffset() {
                return MemoryProcessorSink.this.appliedOffset(partition);
            }

            @Override
            public void apply(List<ModelEndpoint> eps, List<Prediction> predictions, List<ErrorEvent> errors,
                              long nextOffset) {
                MemoryProcessorSink.this.apply(partition, eps, predictions, errors, nextOffset);
            }

            @Override
            public ProcessorSink forPartition(StreamPartition other) {
                return MemoryProcessorSink.this.forPartition(other);
            }
        };
    }

    private synchronized long appliedOffset(StreamPartition p) {
        return applied.getOrDefault(p, 0L);
    }

    private synchronized void apply(StreamPartition p, List<ModelEndpoint> eps, List<Prediction> predictions,
                                    List<ErrorEvent> errors, long nextOffset) {
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must be >= 0, got " + nextOffset);
        }
        if (nextOffset <= appliedOffset(p)) {
            return;
        }
        for (ModelEndpoint e : eps) {
            if (endpoints.update(e.project(), e.uid(), stored -> ProcessorSink.mergeProcessed(stored, e)).isEmpty()) {
                endpoints.put(e);
            }
        }
        timeSeries.writePredictions(predictions);
        timeSeries.writeErrors(errors);
        applied.put(p, nextOffset);
    }
}
