package io.driftwatch.engine.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something the pipeline reports to the alert engine (DESIGN.md §9): an app failure ({@code mm-app-failed})
 * or a result that detected or suspects drift ({@code data-drift-detected}, {@code concept-drift-suspected}, ...).
 *
 * @param kind       the event kind, e.g. {@code data-drift-detected}
 * @param project    the project
 * @param entityKind {@link #ENTITY_RESULT} or {@link #ENTITY_APPLICATION}
 * @param entityId   {@code {uid}.{app}.result.{name}} for results, {@code {project}_{app}} for applications
 * @param value      details (app_name, model, model_endpoint_id, result_name, result_value, error, ...)
 * @param time       when the event was raised (the injected clock)
 */
public record EngineEvent(String kind, String project, String entityKind, String entityId, Map<String, Object> value,
                          Instant time) {
    /** Event kind of a failed or timed-out application run. */
    public static final String APP_FAILED = "mm-app-failed";
    /** Entity kind of result events (MLRun's {@code model-endpoint-result}). */
    public static final String ENTITY_RESULT = "model-endpoint-result";
    /** Entity kind of application events (MLRun's {@code model-monitoring-application}). */
    public static final String ENTITY_APPLICATION = "model-monitoring-application";

    public EngineEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(entityKind, "entityKind");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(time, "time");
        value = value == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }
}
