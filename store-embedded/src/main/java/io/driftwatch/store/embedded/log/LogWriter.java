package io.driftwatch.store.embedded.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer thread: group commit. Appenders enqueue a request and wait; the thread takes
 * every request queued so far (up to 4,096), writes them in queue order through one 1 MiB buffer,
 * issues <em>one</em> {@code FileChannel.force} for the whole batch, publishes the new durable end
 * and completes the requests. While it forces, new requests queue up and form the next batch, so
 * the number of fsyncs per second is bounded by the disk, not by the number of appenders. When the previous
 * group commit had two or more appends (concurrent appenders), the thread also waits {@code commitDelay} after
 * taking a new batch's first requests and then takes what has arrived (PostgreSQL's {@code commit_delay}, with
 * {@code commit_siblings} = 2): more appends share each fsync, at that delay of added latency. A lone sequential
 * appender never waits.
 * Only this platform thread touches the write channel, so interrupting an appender (which would
 * close an interruptible {@code FileChannel}) can never break the log.
 */
final class LogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final int MAX_BATCH = 4096;
    private static final int BUFFER = 1 << 20;

    /** Receives the writer's state changes (called on the writer thread). */
    interface Listener {
        /** A new active segment exists (its predecessor is forced and sealed). */
        void rolled(Segment next);

        /** Every record below {@code endOffset} is durable and readable. */
        void published(long endOffset);
    }

    private record Request(List<byte[]> records, CompletableFuture<Long> done) {
    }

    private static final Request STOP = new Request(List.of(), new CompletableFuture<>());

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong appends = new AtomicLong();
    private final Path dir;
    private final long segmentBytes;
    private final int indexInterval;
    private final Clock clock;
    private final long commitDelayNanos;
    private final Listener listener;
    private final Thread thread;
    private Segment active;
    private long nextOffset;
    private ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private volatile Throwable failure;
    private volatile boolean stopped;

    LogWriter(Path dir, Segment active, EmbeddedEventStream.Options options, Listener listener) {
        this.dir = dir;
        this.active = active;
        this.nextOffset = active.endOffset();
        this.segmentBytes = options.segmentBytes();
        this.indexInterval = options.indexIntervalBytes();
        this.clock = options.clock();
        this.commitDelayNanos = options.commitDelay().toNanos();
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("driftwatch-stream-writer").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Number of {@code FileChannel.force} calls for appended data (group-commit batches + rolls). */
    long forces() {
        return forces.get();
    }

    /** Number of append calls made durable. */
    long appends() {
        return appends.get();
    }

    /** Number of group-commit batches written. */
    long batches() {
        return batches.get();
    }

    /** Enqueues the records and waits (uninterruptibly) until they are durable; returns the first offset. */
    long append(List<byte[]> records) {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("Stream log failed earlier; reopen it", f);
        }
        Request request = new Request(records, new CompletableFuture<>());
        queue.add(request);
        if (stopped && queue.remove(request)) {
            throw new IllegalStateException("Stream closed");
        }
        try {
            return request.done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Writes everything already queued, then stops the thread. */
    void stop() {
        queue.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        boolean stop = false;
        int previous = 0;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            if (previous >= 2 && commitDelayNanos > 0 && batch.size() < MAX_BATCH) {
                gather(batch);
            }
            stop = batch.removeIf(r -> r == STOP);
            previous = batch.size();
            if (!batch.isEmpty()) {
                process(batch);
            }
            batch.clear();
        }
        stopped = true;
        LOG.info("stream log writer stopped: {} group commits, {} fsyncs, {} appends", batches.get(), forces.get(),
                appends.get());
        IllegalStateException closed = new IllegalStateException("Stream closed");
        for (Request r; (r = queue.poll()) != null; ) {
            r.done.completeExceptionally(closed);
        }
    }

    /**
     * Sleeps out the commit delay, then takes what arrived. Sleeping instead of polling the queue matters: a timed
     * poll is woken by every arrival (a futex wake and a context switch each), which cost a third of this thread's
     * CPU at 15,000 appends/s.
     */
    private void gather(List<Request> batch) {
        LockSupport.parkNanos(commitDelayNanos);
        queue.drainTo(batch, MAX_BATCH - batch.size());
    }

    private void process(List<Request> batch) {
        if (failure != null) {
            batch.forEach(r -> r.done.completeExceptionally(new IllegalStateException("Stream log failed", failure)));
            return;
        }
        long[] firsts = new long[batch.size()];
        try {
            long now = clock.millis();
            for (int i = 0; i < firsts.length; i++) {
                firsts[i] = nextOffset;
                for (byte[] payload : batch.get(i).records) {
                    write(payload, now);
                }
            }
            flush();
            active.force();
            forces.incrementAndGet();
            batches.incrementAndGet();
            appends.addAndGet(batch.size());
            active.publish(nextOffset);
            listener.published(nextOffset);
        } catch (IOException | RuntimeException e) {
            LOG.error("Stream log write failed; the log refuses appends until reopened", e);
            failure = e;
            batch.forEach(r -> r.done.completeExceptionally(e));
            return;
        }
        for (int i = 0; i < firsts.length; i++) {
            batch.get(i).done.complete(firsts[i]);
        }
    }

    private void write(byte[] payload, long now) throws IOException {
        int n = RecordFormat.encodedSize(payload);
        long pos = active.size() + buf.position();
        if (pos + n > segmentBytes && pos > RecordFormat.FILE_HEADER) {
            flush();
            roll();
            pos = active.size();
        }
        if (buf.remaining() < n) {
            flush();
            if (buf.capacity() < n) {
                buf = ByteBuffer.allocate(n);
            }
        }
        active.noteRecord(nextOffset, pos);
        RecordFormat.encode(buf, nextOffset++, now, payload);
    }

    private void flush() throws IOException {
        buf.flip();
        active.writeFully(buf);
        buf.clear();
        if (buf.capacity() > BUFFER) {
            buf = ByteBuffer.allocate(BUFFER);
        }
    }

    private void roll() throws IOException {
        active.force();
        forces.incrementAndGet();
        active.publish(nextOffset);
        active.seal();
        long logicalStart = active.logicalStart + active.size() - RecordFormat.FILE_HEADER;
        Segment next = Segment.create(dir, nextOffset, logicalStart, indexInterval);
        ConsumerOffsets.fsyncDirectory(dir);
        LOG.debug("Stream log rolled to segment {}", next.path.getFileName());
        listener.rolled(next);
        active = next;
        listener.published(nextOffset);
    }
}
