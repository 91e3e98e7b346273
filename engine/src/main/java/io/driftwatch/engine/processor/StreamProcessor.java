package io.driftwatch.engine.processor;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

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

    /** The consumer group of the partitioned processor ({@link #partitioned}). */
    String GROUP = "driftwatch-processor";

    /**
     * A processor of a single-partition stream (the embedded log): consumes {@code ports.stream()} itself on one
     * platform thread. Event-time metrics and the flush interval use {@code clock}. Not started.
     */
    static StreamProcessor create(Ports ports, Clock clock, ProcessorOptions options) {
        return new DefaultStreamProcessor(ports, clock, options);
    }

    /**
     * A processor of a partitioned stream (and of a single-partition one: it then runs exactly one worker, the
     * processor of {@link #create}, on the same platform threads): {@link #start()} subscribes to
     * {@code ports.stream()} as group {@value #GROUP}; for each assigned partition {@code p} it starts a worker over
     * {@code Ports(stream.partition(p), endpoints, projects, timeSeries, samples.forPartition(p), sink.forPartition(p))}
     * that resumes at {@code min(applied, stored)} of that partition (never at the group's committed offset); on
     * revocation it stops the partition's worker and flushes its buffered rows before returning. Workers of a partitioned
     * stream run on virtual threads (an idle partition blocked in {@code read} holds no platform thread) and commit
     * {@code min(applied, stored)} of their partition as consumer {@value #GROUP} (for retention and lag only); the
     * worker of {@link StreamPartition#SINGLE} commits as {@value EventStream#STREAM_PROCESSOR}, as {@link #create} does.
     */
    static StreamProcessor partitioned(Ports ports, Clock clock, ProcessorOptions options) {
        return new PartitionedStreamProcessor(ports, clock, options);
    }

    /** Starts the processing thread: resumes at {@code min(sink.appliedOffset(), samples.storedOffset())}. */
    void start();

    /**
     * Waits until the rows of every stream record before {@code offset} are stored (readable from the sample store),
     * asking the running processor to flush its buffer at once instead of at the next size or time threshold. The
     * controller's {@code SampleBarrier} called it with the sink's applied offset; it now calls
     * {@link #awaitCaughtUp}. Offsets are per partition: a partitioned processor answers this only while it owns just
     * {@link StreamPartition#SINGLE} (else {@link UnsupportedOperationException}).
     *
     * @return true when stored, false when {@code timeout} passed first (or the processor is not running)
     */
    boolean awaitStored(long offset, Duration timeout) throws InterruptedException;

    /**
     * The controller's barrier: waits until, for every partition this processor owns, the rows of every record whose
     * effects the partition's sink shows as applied now ({@code sink.forPartition(p).appliedOffset()}, read at the
     * call) are stored, asking each partition to flush at once.
     *
     * @return true when stored, false when {@code timeout} passed first (or the processor is not running)
     */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException;

    /**
     * The drain: waits until, for every partition of the stream, every record before the partition's
     * {@code endOffset()} read at the call is applied and its rows stored.
     *
     * @return false when {@code timeout} passed first
     */
    default boolean awaitDrained(Duration timeout) throws InterruptedException {
        return awaitDrained(p -> true, timeout);
    }

    /**
     * As {@link #awaitDrained(Duration)}, for the partitions {@code which} accepts (project deletion: the partitions of
     * the project's stream, see {@link ProjectStreams#of}). Partitions another instance owns are waited on through the
     * stores' offsets ({@code sink.forPartition(p)}, {@code samples.forPartition(p)}), polled every 20 ms.
     */
    boolean awaitDrained(Predicate<StreamPartition> which, Duration timeout) throws InterruptedException;

    /** A snapshot of the counters (for Prometheus); a partitioned processor sums its partitions (offsets too). */
    ProcessorStats stats();

    /** The counters per owned partition (offsets and lag of that partition); a single-partition processor: one. */
    default Map<StreamPartition, ProcessorStats> partitionStats() {
        return Map.of(StreamPartition.SINGLE, stats());
    }

    /** Stops the thread (waits for the current batch), flushes buffered rows; does not close the ports. */
    @Override
    void close();
}
