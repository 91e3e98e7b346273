package io.driftwatch.engine.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives {@link EngineEvent}s (the alert engine consumes them). Implementations must be thread-safe and fast
 * (called on pipeline threads); an exception thrown by a listener is logged by the publisher and never stops the
 * pipeline.
 */
@FunctionalInterface
public interface EngineEventListener {
    void onEvent(EngineEvent event);

    /** A listener that drops every event. */
    static EngineEventListener none() {
        return e -> { };
    }

    /** A thread-safe listener that keeps every event in memory, for tests and the console. */
    static Recording recording() {
        return new Recording();
    }

    /** Keeps events in arrival order. */
    final class Recording implements EngineEventListener {
        private final List<EngineEvent> events = new CopyOnWriteArrayList<>();

        private Recording() {
        }

        @Override
        public void onEvent(EngineEvent event) {
            events.add(event);
        }

        /** A snapshot of the events received so far. */
        public List<EngineEvent> events() {
            return List.copyOf(events);
        }

        /** The events of the given kind. */
        public List<EngineEvent> ofKind(String kind) {
            return events.stream().filter(e -> e.kind().equals(kind)).toList();
        }
    }
}
