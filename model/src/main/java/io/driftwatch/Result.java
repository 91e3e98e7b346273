package io.driftwatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One verdict of a monitoring application on one endpoint-window: a named value with a kind and a status.
 *
 * @param name      matches {@code [a-zA-Z_][a-zA-Z0-9_]*}
 * @param value     the measured value (finite)
 * @param kind      what the result is about
 * @param status    the verdict
 * @param extraData free-form JSON-compatible details (maps, lists, strings, numbers, booleans)
 */
public record Result(String name, double value, ResultKind kind, ResultStatus status, Map<String, Object> extraData) {
    public Result {
        Names.requireResultName(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("result '" + name + "' has a non-finite value " + value);
        }
        extraData = extraData == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraData));
    }

    public Result(String name, double value, ResultKind kind, ResultStatus status) {
        this(name, value, kind, status, Map.of());
    }
}
