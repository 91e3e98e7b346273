package io.driftwatch.engine.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link MonitoringController}.
 *
 * @param grace            subtracted from {@code last_request} to get {@code last_updated} (default 60 s, MLRun's)
 * @param maxWindowsPerRun windows per endpoint × app in one run; the rest come in the next run (default 10,000)
 * @param tick             how often the scheduler checks which projects are due (default 1 s)
 */
public record ControllerConfig(Duration grace, int maxWindowsPerRun, Duration tick) {
    public ControllerConfig {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(tick, "tick");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, got " + grace);
        }
        if (maxWindowsPerRun < 1) {
            throw new IllegalArgumentException("maxWindowsPerRun must be >= 1, got " + maxWindowsPerRun);
        }
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("tick must be positive, got " + tick);
        }
    }

    public static ControllerConfig defaults() {
        return new ControllerConfig(Duration.ofSeconds(60), 10_000, Duration.ofSeconds(1));
    }

    public ControllerConfig withGrace(Duration newGrace) {
        return new ControllerConfig(newGrace, maxWindowsPerRun, tick);
    }

    public ControllerConfig withTick(Duration newTick) {
        return new ControllerConfig(grace, maxWindowsPerRun, newTick);
    }
}
