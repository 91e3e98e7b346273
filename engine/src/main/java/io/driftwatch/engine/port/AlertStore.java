package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: alert configurations and the history of their activations (DESIGN.md §9). The alert engine owns the JSON
 * documents (config and activation); a store keeps them with the columns it needs to select them. Implementations:
 * in memory ({@code MemoryAlertStore} of the engine's memory package) and embedded DuckDB ({@code alert_configs},
 * {@code alert_activations}). Thread-safe.
 */
public interface AlertStore {
    /** One alert configuration: {@code json} is the config document (secrets included, in clear). */
    record ConfigRow(String project, String name, String json, Instant updated) {
        public ConfigRow {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(updated, "updated");
        }
    }

    /**
     * One activation of an alert.
     *
     * @param time      when it fired
     * @param active    true until it is reset (manual policy); auto-reset activations are stored inactive
     * @param endpoints the endpoint uids named by its events (for per-endpoint listing)
     * @param json      the activation document (events, notification outcomes, ...)
     */
    record ActivationRow(String project, String id, String alert, Instant time, boolean active, List<String> endpoints,
                         String json) {
        public ActivationRow {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(json, "json");
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }
    }

    /**
     * Selects activations of a project; null fields match everything.
     *
     * @param alert    the alert name
     * @param endpoint an endpoint uid the activation names
     * @param active   only active (true) or only reset (false) activations
     * @param since    activations at or after this time
     * @param limit    at most this many, newest first (positive)
     */
    record ActivationQuery(String project, String alert, String endpoint, Boolean active, Instant since, int limit) {
        public ActivationQuery {
            Objects.requireNonNull(project, "project");
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive, got " + limit);
            }
        }
    }

    /** Creates or replaces the config keyed by (project, name). */
    void putConfig(ConfigRow row);

    Optional<ConfigRow> config(String project, String name);

    /** The configs of a project, by name. */
    List<ConfigRow> configs(String project);

    /** Deletes the config (its activations stay as history); false if there was none. */
    boolean deleteConfig(String project, String name);

    /** Creates or replaces the activation keyed by (project, id). */
    void putActivation(ActivationRow row);

    Optional<ActivationRow> activation(String project, String id);

    /** Matching activations, newest first (time, then id, descending). */
    List<ActivationRow> activations(ActivationQuery query);

    /** Deletes every alert config and activation of the project. */
    void deleteProject(String project);

    /** Retention: deletes the activations that fired before {@code cutoff} (configs stay); returns how many. */
    int deleteActivationsOlderThan(Instant cutoff);
}
