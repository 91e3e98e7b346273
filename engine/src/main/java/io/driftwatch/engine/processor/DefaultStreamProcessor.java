package io.driftwatch.engine.processor;

import io.driftwatch.concurrent.BackgroundThreads;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing loop. Exactly-once: the sink stores the applied offset with the effects and the sample store
 * the stored offset with the rows; on start the loop resumes at the smaller one and skips, per record, the effects
 * already applied and the rows already stored; the stream commit ({@code min} of both) only serves retention and
 * lag. {@link #pollOnce()} is one iteration (tests drive it directly to simulate crashes between steps).
 *
 * <p>Once {@link #start() started}, sample writes (the Parquet encoding, about a third of the processor's work per
 * row) run on a second thread, {@code sample-writer}, while the loop parses and applies the next batches: one write
 * in flight at most (the next flush waits for it), so buffered rows stay bounded by two flushes. The stored offset
 * advances when a write completes; a crash with a write in flight re-derives its rows from the stream.
 */
final class DefaultStreamProcessor implements StreamProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultStreamProcessor.class);
    /** Target size of a batch's payloads (see {@link #adaptBatchLimit}). */
    static final long BATCH_BYTES = 4L << 20;

    private final Ports ports;
    private final Clock clock;
    private final ProcessorOptions options;
    private final Counters counters = new Counters();
    private final Retrier retry;
    private final BatchAssembler assembler;
    private final WindowSummarizer summarizer;
    private final List<SampleRow> buffer = new ArrayList<>();
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private boolean initialized;
    private volatile Thread thread;
    private long next;
    private volatile long applied;
    private volatile long stored;
    /** Set by {@link #awaitStored}: flush at the next iteration. */
    private volatile boolean flushRequested;
    private final Object storedSignal = new Object();
    private long committed = -1;
    private ExecutorService sampleWriter;
    private int batchLimit;
    private Future<?> pendingWrite;
    private Instant lastFlush;
    /** Names and makes the loop thread and the sample writer's thread. */
    private final Threads threads;

    /**
     * How a processor gets its two threads: platform threads named {@code stream-processor} and {@code sample-writer}
     * for the single-partition processor; virtual threads for the per-partition workers of
     * {@link PartitionedStreamProcessor}, so that idle partitions blocked in {@code read} hold no platform thread.
     */
    record Threads(String loopName, ThreadFactory loop, ThreadFactory writer, String consumer) {
        /** The single-partition processor: commits as consumer {@value EventStream#STREAM_PROCESSOR}. */
        static final Threads PLATFORM = new Threads("stream-processor", BackgroundThreads.factory("stream-processor"),
                BackgroundThreads.factory("sample-writer"), EventStream.STREAM_PROCESSOR);

        /** A worker of a partitioned stream: commits its partition as the group {@value StreamProcessor#GROUP}. */
        static Threads virtual(String suffix) {
            return new Threads("stream-processor-" + suffix,
                    Thread.ofVirtual().name("stream-processor-" + suffix).factory(),
                    Thread.ofVirtual().name("sample-writer-" + suffix).factory(), StreamProcessor.GROUP);
        }
    }

    DefaultStreamProcessor(Ports ports, Clock clock, ProcessorOptions options) {
        this(ports, clock, options, Threads.PLATFORM);
    }

    DefaultStreamProcessor(Ports ports, Clock clock, ProcessorOptions options, Threads threads) {
        this.threads = Objects.requireNonNull(threads, "threads");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.retry = new Retrier(options.retryInitial(), options.retryMax(), () -> stopping, counters.portFailures);
        this.assembler = new BatchAssembler(ports, clock, retry, counters);
        this.summarizer = new WindowSummarizer(project -> WindowSummarizer.basePeriod(retry.call(
                "read monitoring settings of " + project, () -> ports.projects().monitoringSettings(project))
                .orElse(null)));
        this.batchLimit = options.batchRecords();
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("stream processor already started");
            }
            sampleWriter = Executors.newSingleThreadExecutor(threads.writer());
            Thread t = threads.loop().newThread(this::loop);
            thread = t;
            t.start();
        }
    }

    private void loop() {
        LOG.info("{} started", threads.loopName());
        while (!stopping) {
            try {
                int n = pollOnce();
                if (n > 0 && n < batchLimit && !options.batchLinger().isZero()) {
                    Thread.sleep(options.batchLinger());
                }
            } catch (Retrier.Stopped e) {
                break;
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                counters.portFailures.incrementAndGet();
                LOG.error("stream processor: iteration failed, retrying", e);
                sleepQuietly(options.retryInitial());
            }
        }
        LOG.info("{} stopped at offset {}", threads.loopName(), next);
    }

    /** The next stream offset to read. */
    long position() {
        return next;
    }

    /** Reads the resume offsets (first call only). */
    void init() {
        if (initialized) {
            return;
        }
        applied = retry.call("read the sink's applied offset", () -> ports.sink().appliedOffset());
        stored = retry.call("read the sample store's offset", () -> ports.samples().storedOffset());
        next = Math.min(applied, stored);
        counters.applied.set(applied);
        counters.stored.set(stored);
        lastFlush = clock.instant();
        initialized = true;
        LOG.info("{} resumes at offset {} (applied {}, stored {})", threads.loopName(), next, applied, stored);
    }

    /** One iteration: read a batch, apply it, flush when due; returns the number of records read. */
    int pollOnce() throws InterruptedException {
        init();
        List<StreamRecord> records = readBatch();
        if (!records.isEmpty()) {
            process(records);
        }
        if (flushRequested || buffer.size() >= options.flushRows()
                || (next > stored && !clock.instant().isBefore(lastFlush.plus(options.flushInterval())))) {
            flush();
        }
        return records.size();
    }

    private List<StreamRecord> readBatch() throws InterruptedException {
        while (true) {
            try {
                List<StreamRecord> records = ports.stream().read(next, batchLimit, options.pollWait());
                adaptBatchLimit(records);
                return records;
            } catch (RuntimeException e) {
                counters.portFailures.incrementAndGet();
                LOG.warn("stream processor: reading offset {} failed, retrying: {}", next, e.toString());
                if (stopping) {
                    return List.of();
                }
                Thread.sleep(Math.max(1, options.retryInitial().toMillis()));
            }
        }
    }

    /**
     * Sizes the next read so that a batch holds about {@link #BATCH_BYTES} of events: 5,000 one-row events are
     * ~2 MB, but 5,000 events of 100 rows × 20 features were ~65 MB of JSON and ~275 MB of parsed rows in one
     * batch, a multi-second sink transaction and a lag that moved in 5,000-event steps.
     */
    private void adaptBatchLimit(List<StreamRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (StreamRecord r : records) {
            bytes += r.payload().length;
        }
        long perRecord = Math.max(1, bytes / records.size());
        batchLimit = Math.clamp(BATCH_BYTES / perRecord, 1, options.batchRecords());
    }

    private void process(List<StreamRecord> records) {
        long batchNext = records.getLast().offset() + 1;
        BatchAssembler.Batch batch = assembler.assemble(records, applied, stored);
        if (batchNext > applied) {
            retry.run("apply batch up to offset " + batchNext, () -> ports.sink()
                    .apply(batch.endpoints(), batch.predictions(), batch.errors(), batchNext));
            applied = batchNext;
            counters.applied.set(applied);
            counters.batches.incrementAndGet();
        }
        summarizer.note(batch.references(), batch.firstRequests());
        buffer.addAll(batch.rows());
        next = batchNext;
        commit();
    }

    /**
     * Writes the buffered rows with the offset reached (also when there are none, to advance the offset): on the
     * calling thread, or handed to the sample writer once started (after the previous write has completed).
     */
    void flush() {
        flushRequested = false;
        awaitPendingWrite();
        if (next <= stored) {
            return;
        }
        List<SampleRow> rows = List.copyOf(buffer);
        long upTo = next;
        buffer.clear();
        lastFlush = clock.instant();
        if (sampleWriter == null) {
            write(rows, upTo);
        } else {
            pendingWrite = sampleWriter.submit(() -> write(rows, upTo));
        }
    }

    private void write(List<SampleRow> rows, long upTo) {
        List<CellSummary> summaries = summarizer.summarize(rows);
        retry.run("write " + rows.size() + " prediction rows", () -> ports.samples().write(rows, summaries, upTo));
        stored = upTo;
        counters.stored.set(upTo);
        counters.flushes.incrementAndGet();
        commit();
        synchronized (storedSignal) {
            storedSignal.notifyAll();
        }
    }

    @Override
    public boolean awaitStored(long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (storedSignal) {
            while (stored < offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || thread == null || stopping) {
                    return false;
                }
                flushRequested = true;
                // bounded wait: the flush request may have been consumed by a flush that started before the
                // records up to offset were read
                storedSignal.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
            }
            return true;
        }
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long applied = retry.call("read the sink's applied offset", () -> ports.sink().appliedOffset());
        return awaitStored(applied, timeout);
    }

    /** The one partition's drain: every project's records share it, so {@code which} is not consulted. */
    @Override
    public boolean awaitDrained(Predicate<StreamPartition> which, Duration timeout) throws InterruptedException {
        return awaitOffset(ports.stream().endOffset(), System.nanoTime() + timeout.toNanos());
    }

    /**
     * Waits until the effects of every record before {@code end} are applied (polling every 20 ms, so that catching
     * up is not cut into small flushes), then until their rows are stored (asking for a flush).
     */
    boolean awaitOffset(long end, long deadlineNanos) throws InterruptedException {
        while (applied < end) {
            if (System.nanoTime() > deadlineNanos || thread == null || stopping) {
                return false;
            }
            Thread.sleep(20);
        }
        return awaitStored(end, Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
    }

    /** The counters (the partitioned processor sums them). */
    Counters counters() {
        return counters;
    }

    /** Waits for the write in flight, if any; its failure (only when stopping: writes retry) ends the loop. */
    private void awaitPendingWrite() {
        Future<?> f = pendingWrite;
        if (f == null) {
            return;
        }
        pendingWrite = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Retrier.Stopped();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("sample write failed", e.getCause());
        }
    }

    private synchronized void commit() {
        long c = Math.min(applied, stored);
        if (c > committed) {
            try {
                ports.stream().commit(threads.consumer(), c);
                committed = c;
            } catch (RuntimeException e) {
                counters.portFailures.incrementAndGet();
                LOG.warn("stream processor: committing offset {} failed (retried later): {}", c, e.toString());
            }
        }
    }

    @Override
    public ProcessorStats stats() {
        long end;
        try {
            end = ports.stream().endOffset();
        } catch (RuntimeException e) {
            end = counters.applied.get();
        }
        return new ProcessorStats(counters.events.get(), counters.rows.get(), counters.modelErrors.get(),
                counters.dataErrors.get(), counters.unattributed.get(), counters.unparseable.get(),
                counters.batches.get(), counters.flushes.get(), counters.portFailures.get(), counters.applied.get(),
                counters.stored.get(), Math.max(0, end - counters.applied.get()));
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
            t = thread;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (initialized) {
            try {
                awaitPendingWrite();
                flushOnClose();
            } catch (Retrier.Stopped e) {
                LOG.warn("stream processor: final flush failed; rows after offset {} are re-derived on restart",
                        stored);
            }
        }
        if (sampleWriter != null) {
            sampleWriter.shutdown();
        }
    }

    private void flushOnClose() {
        if (next > stored) {
            List<SampleRow> rows = List.copyOf(buffer);
            long upTo = next;
            try {
                ports.samples().write(rows, summariesOnClose(rows), upTo);
                stored = upTo;
                counters.stored.set(stored);
                buffer.clear();
                commit();
            } catch (RuntimeException e) {
                throw new Retrier.Stopped();
            }
        }
    }

    /** The flush's summaries, or none when the settings cannot be read while closing (those windows read rows). */
    private List<CellSummary> summariesOnClose(List<SampleRow> rows) {
        try {
            return summarizer.summarize(rows);
        } catch (RuntimeException e) {
            LOG.warn("stream processor: no window summaries for the final flush: {}", e.toString());
            return List.of();
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
