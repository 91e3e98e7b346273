package io.driftwatch.engine.alerts;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One alert of a project (DESIGN.md §9, MLRun's {@code AlertConfig}): which events of which entities it watches,
 * how many within what period make it fire, how it resets and whom it notifies. Built and validated by
 * {@link AlertConfigJson#parse}; immutable.
 *
 * @param project       the project
 * @param name          {@code ^[a-zA-Z0-9-]+$}
 * @param description   free text (may be empty)
 * @param summary       the message; {@code {{project}}, {{name}}, {{entity}}, {{severity}}, {{endpoint}},
 *                      {{kind}}, {{count}}} are replaced
 * @param severity      low, medium or high
 * @param entities      the entities whose events count
 * @param trigger       the event kinds (and, for {@code system-performance-*}, the thresholds that raise them)
 * @param criteria      {@code count} events within {@code period}
 * @param resetPolicy   auto (ready again right after firing) or manual (stays active until reset)
 * @param notifications where a firing is sent (at least one)
 * @param enabled       false: the alert is kept but not evaluated — its events are not counted, its thresholds are
 *                      not evaluated, it neither fires nor notifies — until it is enabled again (MLRun has no such
 *                      field; JSON {@code enabled}, default true)
 */
public record AlertConfig(String project, String name, String description, String summary, Severity severity,
                          Entities entities, Trigger trigger, Criteria criteria, ResetPolicy resetPolicy,
                          List<NotificationSpec> notifications, boolean enabled) {
    public AlertConfig {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(criteria, "criteria");
        notifications = List.copyOf(notifications);
    }

    /** An enabled alert. */
    public AlertConfig(String project, String name, String description, String summary, Severity severity,
                       Entities entities, Trigger trigger, Criteria criteria, ResetPolicy resetPolicy,
                       List<NotificationSpec> notifications) {
        this(project, name, description, summary, severity, entities, trigger, criteria, resetPolicy, notifications,
                true);
    }

    /** This config with {@code enabled} set. */
    public AlertConfig withEnabled(boolean on) {
        return new AlertConfig(project, name, description, summary, severity, entities, trigger, criteria, resetPolicy,
                notifications, on);
    }

    /** This config with other notifications (the rest unchanged). */
    public AlertConfig withNotifications(List<NotificationSpec> ns) {
        return new AlertConfig(project, name, description, summary, severity, entities, trigger, criteria, resetPolicy,
                ns, enabled);
    }

    /** Severity of an alert. */
    public enum Severity {
        LOW, MEDIUM, HIGH;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens after an alert fires. */
    public enum ResetPolicy {
        /** Ready to fire again at once (the activation is stored already reset). */
        AUTO,
        /** Stays active, ignoring further events, until {@code POST …/alerts/{name}/reset}. */
        MANUAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The watched entities: {@code kind} {@code model-endpoint-result} or {@code model-monitoring-application};
     * {@code id} is {@code *} (any), an exact entity id, or a prefix ending before a dot (an endpoint uid matches
     * every {@code {uid}.{app}.result.{name}}).
     */
    public record Entities(String kind, String project, String id) {
        /** True if an event's entity is one of these. */
        public boolean matches(String entityKind, String entityId) {
            return kind.equals(entityKind)
                    && ("*".equals(id) || id.equals(entityId) || entityId.startsWith(id + "."));
        }
    }

    /** The event kinds that count, and operational thresholds evaluated periodically. */
    public record Trigger(List<String> events, List<Threshold> thresholds) {
        public Trigger {
            events = List.copyOf(events);
            thresholds = List.copyOf(thresholds);
        }
    }

    /**
     * An operational threshold over an endpoint's recent traffic: when {@code metric} over the last {@code window}
     * goes above {@code above} (with at least {@code minRequests} requests in the window), the evaluator raises one
     * {@code system-performance-detected} event for this alert; it raises again only after the metric has been back
     * at or below the threshold.
     *
     * @param metric one of {@link ThresholdMetric}'s wire names, e.g. {@code latency_p99_ms}, {@code error_rate}
     */
    public record Threshold(ThresholdMetric metric, double above, Duration window, int minRequests) {
    }

    /** {@code count} matching events within {@code period} fire the alert. */
    public record Criteria(int count, Duration period) {
    }

    /**
     * One notification channel of an alert.
     *
     * @param kind     console, webhook, slack or email
     * @param params   the channel's parameters (secrets included)
     * @param cooldown after sending, later activations within this time are not sent to this channel (0 = none)
     */
    public record NotificationSpec(String kind, Map<String, Object> params, Duration cooldown) {
        public NotificationSpec {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }
}
