package io.driftwatch.engine.alerts;

import io.driftwatch.engine.event.EngineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One firing of an alert, kept as history with the events that triggered it and the outcome of each notification.
 *
 * @param id            unique within the project
 * @param summary       the rendered summary
 * @param entityKind    the entity kind of the triggering events
 * @param entityId      the entity id of the last triggering event
 * @param endpoints     the endpoint uids the events name (for the endpoint badge)
 * @param time          when it fired (the injected clock)
 * @param active        true while a manual alert waits for its reset
 * @param resetTime     when it was reset (auto: at once), or null
 * @param resetBy       {@code auto}, {@code manual} (the reset call) or {@code deleted} (the alert was deleted)
 * @param events        the {@code criteria.count} events that fired it, oldest first
 * @param ignoredEvents events that matched while it was active (a manual alert ignores them)
 * @param notifications one delivery per notification of the alert
 */
public record AlertActivation(String id, String project, String alert, AlertConfig.Severity severity, String summary,
                              AlertConfig.ResetPolicy resetPolicy, String entityKind, String entityId,
                              List<String> endpoints, Instant time, boolean active, Instant resetTime, String resetBy,
                              List<EngineEvent> events, int ignoredEvents, List<Delivery> notifications) {
    public AlertActivation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        endpoints = List.copyOf(endpoints);
        events = List.copyOf(events);
        notifications = List.copyOf(notifications);
    }

    /** Delivery status of one notification of one activation. */
    public enum Status {
        /** Being sent (or retried). */
        PENDING,
        /** Accepted by the channel. */
        SENT,
        /** Every attempt failed; {@code error} says why. */
        FAILED,
        /** Not sent: the channel's cooldown after an earlier activation had not elapsed. */
        SKIPPED_COOLDOWN
    }

    /**
     * The outcome of one notification.
     *
     * @param index    position in the alert's notifications
     * @param attempts attempts made so far
     * @param error    the last failure, or null
     * @param time     when it was sent, failed for good or skipped (null while pending)
     */
    public record Delivery(int index, String kind, Status status, int attempts, String error, Instant time) {
    }

    /** This activation reset at {@code when} by {@code by}. */
    public AlertActivation reset(Instant when, String by) {
        return new AlertActivation(id, project, alert, severity, summary, resetPolicy, entityKind, entityId, endpoints,
                time, false, when, by, events, ignoredEvents, notifications);
    }

    /** This activation with one more ignored event. */
    public AlertActivation ignoring() {
        return new AlertActivation(id, project, alert, severity, summary, resetPolicy, entityKind, entityId, endpoints,
                time, active, resetTime, resetBy, events, ignoredEvents + 1, notifications);
    }

    /** This activation with the delivery at {@code d.index()} replaced. */
    public AlertActivation withDelivery(Delivery d) {
        List<Delivery> ds = new ArrayList<>(notifications);
        for (int i = 0; i < ds.size(); i++) {
            if (ds.get(i).index() == d.index()) {
                ds.set(i, d);
            }
        }
        return new AlertActivation(id, project, alert, severity, summary, resetPolicy, entityKind, entityId, endpoints,
                time, active, resetTime, resetBy, events, ignoredEvents, ds);
    }
}
