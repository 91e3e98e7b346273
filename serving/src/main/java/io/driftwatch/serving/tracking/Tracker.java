package io.driftwatch.serving.tracking;

/**
 * Hands tracking events to a {@link TrackingSink} off the request path: {@link #track} never blocks and never takes a
 * lock (a lock-free queue bounded by an atomic counter); one background thread batches, encodes and delivers. A full
 * queue drops the event and counts it ({@link TrackerStats#dropped()}).
 */
public interface Tracker extends AutoCloseable {

    /** Starts a tracker with its background thread. */
    static Tracker start(TrackingSink sink, TrackerConfig config) {
        QueueTracker t = new QueueTracker(sink, config);
        t.startThread();
        return t;
    }

    /**
     * Queues an event without blocking.
     *
     * @return false if it was dropped (queue full or tracker closed)
     */
    boolean track(TrackingEvent event);

    /** The counters. */
    TrackerStats stats();

    /** The codec that stamps worker, host and zone (also used to format times for responses). */
    TrackingEventCodec codec();

    /** Delivers what is queued, then stops the thread (waits up to 10 s). */
    @Override
    void close();
}
