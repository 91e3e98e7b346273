package io.driftwatch.engine.processor;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitioned stream processor ({@link StreamProcessor#partitioned}): one {@link DefaultStreamProcessor} per
 * assigned partition, each over that partition's view of the stream, the sink and the sample store, so each
 * {@code (stream, partition)} is processed exactly once by the offsets stored with its effects.
 *
 * <p>Threads: the worker of {@link StreamPartition#SINGLE} runs on the platform threads of the single-partition
 * processor ({@code stream-processor}, {@code sample-writer}); the workers of a partitioned stream run on virtual
 * threads ({@code stream-processor-<stream>-<p>}): while a partition is idle its worker is parked in {@code read}
 * (up to {@link ProcessorOptions#pollWait()}, 200 ms by default) and holds no platform thread, so 8 or 80 partitions
 * need no more carrier threads than cores (PartitionedStreamProcessorTest measures the platform threads).
 */
final class PartitionedStreamProcessor implements StreamProcessor, EventStream.Assignment {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionedStreamProcessor.class);
    /** Partitions by stream name, then index. */
    static final Comparator<StreamPartition> ORDER = Comparator.comparing(StreamPartition::stream)
            .thenComparingInt(StreamPartition::partition);
    private final Ports ports;
    private final Clock clock;
    private final ProcessorOptions options;
    private final Map<StreamPartition, DefaultStreamProcessor> workers = new ConcurrentHashMap<>();
    /** Assigned partitions whose worker could not start yet (a store down at assignment); retried until revoked. */
    private final java.util.Set<StreamPartition> pending = ConcurrentHashMap.newKeySet();
    /** The counts of the workers already stopped (revoked partitions), so that totals never go back. */
    private final Counters retired = new Counters();
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;

    PartitionedStreamProcessor(Ports ports, Clock clock, ProcessorOptions options) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("stream processor already started");
            }
            started = true;
        }
        ports.stream().subscribe(GROUP, this);
    }

    @Override
    public void assigned(Collection<StreamPartition> partitions) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            for (StreamPartition p : partitions) {
                if (!workers.containsKey(p) && !tryStart(p)) {
                    // e.g. the object store holding its stored offset is down: the others start, this one is
                    // retried (0.5 s doubling to 10 s) while it stays assigned
                    pending.add(p);
                    Thread.ofVirtual().name("stream-processor-start-" + p).start(() -> retryStart(p));
                }
            }
        }
        LOG.info("stream processor: assigned {}", partitions);
    }

    /** Starts the worker of {@code p} (under {@code lifecycle}); false when that failed. */
    private boolean tryStart(StreamPartition p) {
        try {
            DefaultStreamProcessor w = worker(p);
            w.start();
            workers.put(p, w);
            return true;
        } catch (RuntimeException e) {
            LOG.error("stream processor: cannot start partition {} (retried while assigned)", p, e);
            return false;
        }
    }

    private void retryStart(StreamPartition p) {
        long delay = 500;
        while (true) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (lifecycle) {
                if (closed || !pending.contains(p) || workers.containsKey(p)) {
                    pending.remove(p);
                    return;
                }
                if (tryStart(p)) {
                    pending.remove(p);
                    LOG.info("stream processor: partition {} started after a retry", p);
                    return;
                }
            }
            delay = Math.min(10_000, delay * 2);
        }
    }

    /** The worker of one partition (not started): it resumes at min(applied, stored) of that partition. */
    DefaultStreamProcessor worker(StreamPartition p) {
        Ports view = new Ports(ports.stream().partition(p), ports.endpoints(), ports.projects(), ports.timeSeries(),
                ports.samples().forPartition(p), ports.sink().forPartition(p));
        return new DefaultStreamProcessor(view, clock, options,
                p.single() ? DefaultStreamProcessor.Threads.PLATFORM : DefaultStreamProcessor.Threads.virtual(p.toString()));
    }

    /** Stops the partitions' workers; each waits for its current batch and flushes its buffered rows. */
    @Override
    public void revoked(Collection<StreamPartition> partitions) {
        synchronized (lifecycle) {
            for (StreamPartition p : partitions) {
                pending.remove(p);
                DefaultStreamProcessor w = workers.remove(p);
                if (w != null) {
                    w.close();
                    retire(w.counters());
                }
            }
        }
        LOG.info("stream processor: revoked {}", partitions);
    }

    private void retire(Counters c) {
        retired.events.addAndGet(c.events.get());
        retired.rows.addAndGet(c.rows.get());
        retired.modelErrors.addAndGet(c.modelErrors.get());
        retired.dataErrors.addAndGet(c.dataErrors.get());
        retired.unattributed.addAndGet(c.unattributed.get());
        retired.unparseable.addAndGet(c.unparseable.get());
        retired.batches.addAndGet(c.batches.get());
        retired.flushes.addAndGet(c.flushes.get());
        retired.portFailures.addAndGet(c.portFailures.get());
    }

    /** The partitions whose workers run now. */
    List<StreamPartition> owned() {
        return List.copyOf(sorted(workers.keySet()));
    }

    private static List<StreamPartition> sorted(Collection<StreamPartition> ps) {
        return ps.stream().sorted(ORDER).toList();
    }

    /** Only meaningful for the one partition {@link StreamPartition#SINGLE}: offsets are per partition. */
    @Override
    public boolean awaitStored(long offset, Duration timeout) throws InterruptedException {
        DefaultStreamProcessor w = workers.get(StreamPartition.SINGLE);
        if (w == null || workers.size() != 1) {
            throw new UnsupportedOperationException("offsets are per partition here: use awaitCaughtUp or awaitDrained");
        }
        return w.awaitStored(offset, timeout);
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DefaultStreamProcessor w : List.copyOf(workers.values())) {
            if (!w.awaitCaughtUp(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean awaitDrained(Predicate<StreamPartition> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<StreamPartition, Long> ends = new TreeMap<>(ORDER);
        for (StreamPartition p : ports.stream().partitions()) {
            if (which.test(p)) {
                ends.put(p, ports.stream().partition(p).endOffset());
            }
        }
        for (Map.Entry<StreamPartition, Long> e : ends.entrySet()) {
            DefaultStreamProcessor w = workers.get(e.getKey());
            if (e.getValue() == 0 || (w != null && w.awaitOffset(e.getValue(), deadline))) {
                continue;
            }
            if (!pollStores(e.getKey(), e.getValue(), deadline)) {
                return false;
            }
        }
        return true;
    }

    /** A partition another instance owns (or whose worker stopped): its stores' offsets reach {@code end}. */
    private boolean pollStores(StreamPartition p, long end, long deadline) throws InterruptedException {
        while (ports.sink().forPartition(p).appliedOffset() < end || ports.samples().forPartition(p).storedOffset() < end) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public ProcessorStats stats() {
        long[] sum = {retired.events.get(), retired.rows.get(), retired.modelErrors.get(), retired.dataErrors.get(),
                retired.unattributed.get(), retired.unparseable.get(), retired.batches.get(), retired.flushes.get(),
                retired.portFailures.get(), 0, 0, 0};
        for (ProcessorStats s : partitionStats().values()) {
            long[] v = {s.events(), s.predictionRows(), s.modelErrors(), s.dataErrors(), s.unattributed(),
                    s.unparseable(), s.batches(), s.flushes(), s.portFailures(), s.appliedOffset(), s.storedOffset(),
                    s.lag()};
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return new ProcessorStats(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9],
                sum[10], sum[11]);
    }

    @Override
    public Map<StreamPartition, ProcessorStats> partitionStats() {
        Map<StreamPartition, ProcessorStats> out = new TreeMap<>(ORDER);
        workers.forEach((p, w) -> out.put(p, w.stats()));
        return out;
    }

    /** Stops every worker (each flushes); the subscription stays registered but assigns nothing any more. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        revoked(List.copyOf(workers.keySet()));
    }
}
