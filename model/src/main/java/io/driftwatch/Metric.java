package io.driftwatch;

/**
 * A named number produced by a monitoring application for one endpoint-window.
 *
 * @param name  matches {@code [a-zA-Z_][a-zA-Z0-9_]*}
 * @param value the value (finite)
 */
public record Metric(String name, double value) {
    public Metric {
        Names.requireResultName(name);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric '" + name + "' has a non-finite value " + value);
        }
    }
}
