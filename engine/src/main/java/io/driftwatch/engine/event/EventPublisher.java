package io.driftwatch.engine.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to a listener, logging (never propagating) the listener's failures. */
public final class EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private EventPublisher() {
    }

    /** Sends the event; a failing listener is logged at warn level. */
    public static void publish(EngineEventListener listener, EngineEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("event listener failed on {} for {}: {}", event.kind(), event.entityId(), e.toString(), e);
        }
    }
}
