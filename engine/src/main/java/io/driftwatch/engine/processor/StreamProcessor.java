package io.driftwatch.engine.processor;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream processor (DESIGN.md §2, docs/pipeline.md "Stream processor"): consumes the {@link EventStream} as
 * consumer {@value EventStream#STREAM_PROCESSOR}, turns tracking events into endpoint records (first/last request,
 * error count, live metrics), time-series rows (predictions, errors) and prediction rows (Parquet), exactly once
 * per stream offset across crashes.
 *
 * <p>Runs on one platform thread between {@link #start()} and {@link #close()}. Parse-and-split measured
 * (ParseThroughputTest, one thread, on a 2-core machine at load average ≈ 14): 171k rows/s for 10-row
 * 20-feature events, 27k events/s for 1-row events; expect several times more on an idle core.
 */
public interface StreamProcessor extends AutoCloseable {

    /** The ports the processor reads from and writes to; {@code sink} must write into {@code endpoints}/{@code timeSeries}. */
    record Ports(EventStream stream, EndpointStore endpoints, ProjectStore projects, TimeSeriesStore timeSeries,
                 SampleStore samples, ProcessorSink sink) {
        public Ports {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(endpoints, "endpoints");
            Objects.requireNonNull(projects, "projects");
            Objects.requireNonNull(timeSeries, "timeSeries");
            Objects.requireNonNull(samples, "samples");
            Objects.requireNonNull(sink, "sink");
        }
    }

    /** A processor over the ports; event-time metrics and the flush interval use {@code clock}. Not started. */
    static StreamProcessor create(Ports ports, Clock clock, ProcessorOptions options) {
        return new DefaultStreamProcessor(ports, clock, options);
    }

    /** Starts the processing thread: resumes at {@code min(sink.appliedOffset(), samples.storedOffset())}. */
    void start();

    /**
     * Waits until the rows of every stream record before {@code offset} are stored (readable from the sample store),
     * asking the running processor to flush its buffer at once instead of at the next size or time threshold. The
     * controller's {@code SampleBarrier} calls it with the sink's applied offset.
     *
     * @return true when stored, false when {@code timeout} passed first (or the processor is not running)
     */
    boolean awaitStored(long offset, Duration timeout) throws InterruptedException;

    /** A snapshot of the counters (for Prometheus). */
    ProcessorStats stats();

    /** Stops the thread (waits for the current batch), flushes buffered rows; does not close the ports. */
    @Override
    void close();
}
