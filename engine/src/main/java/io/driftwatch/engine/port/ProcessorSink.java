package io.driftwatch.engine.port;

import io.driftwatch.ModelEndpoint;
import java.util.List;

/**
 * Port: where the stream processor applies the effects of a batch of stream records atomically together with
 * the stream offset they reach, so that replay after a crash applies nothing twice (exactly-once).
 */
public interface ProcessorSink {
    /** The next stream offset to process: everything before it has been applied (0 when none). */
    long appliedOffset();

    /**
     * Atomically upserts the endpoint records, appends the time-series rows and records {@code nextOffset}.
     * Either all of it becomes visible or none. A call whose {@code nextOffset <= appliedOffset()} is a replay
     * and changes nothing; an empty call with a larger offset only advances the offset.
     */
    void apply(List<ModelEndpoint> endpoints, List<TimeSeriesRecords.Prediction> predictions,
               List<TimeSeriesRecords.ErrorEvent> errors, long nextOffset);
}
