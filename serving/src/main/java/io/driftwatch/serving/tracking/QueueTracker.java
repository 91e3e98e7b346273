package io.driftwatch.serving.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Tracker} over a {@link ConcurrentLinkedQueue} bounded by an {@link AtomicInteger} (CAS only, no locks). */
final class QueueTracker implements Tracker {
    private static final Logger LOG = LoggerFactory.getLogger(QueueTracker.class);

    private final TrackingSink sink;
    private final TrackerConfig config;
    private final TrackingEventCodec codec;
    private final ConcurrentLinkedQueue<TrackingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;

    QueueTracker(TrackingSink sink, TrackerConfig config) {
        this.sink = sink;
        this.config = config;
        this.codec = TrackingEventCodec.of(config.worker(), config.host(), config.zone());
        this.thread = Thread.ofPlatform().daemon().name("driftwatch-tracking").unstarted(this::loop);
    }

    void startThread() {
        thread.start();
    }

    @Override
    public boolean track(TrackingEvent event) {
        if (!running || size.incrementAndGet() > config.capacity()) {
            if (running) {
                size.decrementAndGet();
            }
            dropped.increment();
            return false;
        }
        queue.offer(event);
        accepted.increment();
        return true;
    }

    @Override
    public TrackerStats stats() {
        return new TrackerStats(accepted.sum(), dropped.sum(), delivered.sum(), failed.sum(), size.get());
    }

    @Override
    public TrackingEventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("tracking thread still delivering after 10 s; {} events queued", size.get());
        }
    }

    private void loop() {
        List<TrackingEvent> batch = new ArrayList<>(config.maxBatch());
        while (true) {
            drain(batch);
            if (!batch.isEmpty()) {
                boolean full = batch.size() >= config.maxBatch();
                deliver(batch);
                batch.clear();
                if (!full && running) {
                    LockSupport.parkNanos(config.linger().toNanos()); // let the next batch grow: fewer fsyncs
                }
            } else if (!running) {
                return;
            } else {
                LockSupport.parkNanos(config.linger().toNanos());
            }
        }
    }

    private void drain(List<TrackingEvent> batch) {
        TrackingEvent e;
        while (batch.size() < config.maxBatch() && (e = queue.poll()) != null) {
            batch.add(e);
        }
        size.addAndGet(-batch.size());
    }

    private void deliver(List<TrackingEvent> batch) {
        List<byte[]> encoded = new ArrayList<>(batch.size());
        for (TrackingEvent e : batch) {
            try {
                encoded.add(codec.encode(e));
            } catch (RuntimeException ex) {
                failed.increment();
                LOG.warn("dropping the tracking event of request {}: {}", e.requestId(), ex.toString());
            }
        }
        if (encoded.isEmpty()) {
            return;
        }
        try {
            sink.accept(encoded);
            delivered.add(encoded.size());
        } catch (RuntimeException ex) {
            failed.add(encoded.size());
            LOG.warn("tracking sink failed; {} events lost", encoded.size(), ex);
        }
    }
}
