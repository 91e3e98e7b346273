package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.util.Objects;

/** The stores of {@code --tsdb-connection}: the time series and the stream processor's exactly-once sink. */
public record TimeSeriesStores(TimeSeriesStore timeSeries, ProcessorSink sink) {
    public TimeSeriesStores {
        Objects.requireNonNull(timeSeries, "timeSeries");
        Objects.requireNonNull(sink, "sink");
    }
}
