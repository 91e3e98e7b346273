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

    /** An empty builder (lists empty, not active); {@link Builder#build()} requires an id and a time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this activation's fields, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().id(id).project(project).alert(alert).severity(severity).summary(summary)
                .resetPolicy(resetPolicy).entityKind(entityKind).entityId(entityId).endpoints(endpoints).time(time)
                .active(active).resetTime(resetTime).resetBy(resetBy).events(events).ignoredEvents(ignoredEvents)
                .notifications(notifications);
    }

    /** This activation reset at {@code when} by {@code by}. */
    public AlertActivation reset(Instant when, String by) {
        return toBuilder().active(false).resetTime(when).resetBy(by).build();
    }

    /** This activation with one more ignored event. */
    public AlertActivation ignoring() {
        return toBuilder().ignoredEvents(ignoredEvents + 1).build();
    }

    /** This activation with the delivery at {@code d.index()} replaced. */
    public AlertActivation withDelivery(Delivery d) {
        List<Delivery> ds = new ArrayList<>(notifications);
        for (int i = 0; i < ds.size(); i++) {
            if (ds.get(i).index() == d.index()) {
                ds.set(i, d);
            }
        }
        return toBuilder().notifications(ds).build();
    }

    /** Builds an {@link AlertActivation} by field name. */
    public static final class Builder {
        private String id;
        private String project;
        private String alert;
        private AlertConfig.Severity severity;
        private String summary;
        private AlertConfig.ResetPolicy resetPolicy;
        private String entityKind;
        private String entityId;
        private List<String> endpoints = List.of();
        private Instant time;
        private boolean active;
        private Instant resetTime;
        private String resetBy;
        private List<EngineEvent> events = List.of();
        private int ignoredEvents;
        private List<Delivery> notifications = List.of();

        private Builder() {
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder project(String v) {
            project = v;
            return this;
        }

        public Builder alert(String v) {
            alert = v;
            return this;
        }

        public Builder severity(AlertConfig.Severity v) {
            severity = v;
            return this;
        }

        public Builder summary(String v) {
            summary = v;
            return this;
        }

        public Builder resetPolicy(AlertConfig.ResetPolicy v) {
            resetPolicy = v;
            return this;
        }

        public Builder entityKind(String v) {
            entityKind = v;
            return this;
        }

        public Builder entityId(String v) {
            entityId = v;
            return this;
        }

        public Builder endpoints(List<String> v) {
            endpoints = v;
            return this;
        }

        public Builder time(Instant v) {
            time = v;
            return this;
        }

        public Builder active(boolean v) {
            active = v;
            return this;
        }

        public Builder resetTime(Instant v) {
            resetTime = v;
            return this;
        }

        public Builder resetBy(String v) {
            resetBy = v;
            return this;
        }

        public Builder events(List<EngineEvent> v) {
            events = v;
            return this;
        }

        public Builder ignoredEvents(int v) {
            ignoredEvents = v;
            return this;
        }

        public Builder notifications(List<Delivery> v) {
            notifications = v;
            return this;
        }

        public AlertActivation build() {
            return new AlertActivation(id, project, alert, severity, summary, resetPolicy, entityKind, entityId,
                    endpoints, time, active, resetTime, resetBy, events, ignoredEvents, notifications);
        }
    }
}
