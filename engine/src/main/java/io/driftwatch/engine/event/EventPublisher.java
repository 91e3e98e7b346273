package io.driftwatch.engine.event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to a listener, logging (never propagating) the listener's failures. Events published inside
 * {@link #afterwards} are held until it returns.
 */
public final class EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /** The events held by this thread's {@link #afterwards} call, if one runs. */
    private static final ThreadLocal<List<Runnable>> HELD = new ThreadLocal<>();

    private EventPublisher() {
    }

    /** Sends the event (or holds it until the running {@link #afterwards} returns); a failing listener is logged. */
    public static void publish(EngineEventListener listener, EngineEvent event) {
        List<Runnable> held = HELD.get();
        if (held != null) {
            held.add(() -> deliver(listener, event));
        } else {
            deliver(listener, event);
        }
    }

    /**
     * Runs {@code work}, holding the events this thread publishes meanwhile: delivered in order once it returns,
     * dropped if it throws. The controller writes a batch's outputs in one store transaction with it, so listeners
     * see only outputs that were committed (a batch whose commit fails is retried, and raises its events then) and
     * never run while this thread holds the store's write lock: the alert engine that handles them writes
     * activations to the same store from its own threads, and waiting for it under the lock deadlocked. Nested
     * calls join the outer one.
     */
    public static <T> T afterwards(Supplier<T> work) {
        if (HELD.get() != null) {
            return work.get();
        }
        List<Runnable> held = new ArrayList<>();
        HELD.set(held);
        T result;
        try {
            result = work.get();
        } finally {
            HELD.remove();
        }
        held.forEach(Runnable::run);
        return result;
    }

    private static void deliver(EngineEventListener listener, EngineEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("event listener failed on {} for {}: {}", event.kind(), event.entityId(), e.toString(), e);
        }
    }
}
