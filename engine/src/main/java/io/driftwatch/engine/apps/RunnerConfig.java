package io.driftwatch.engine.apps;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ApplicationRunner}.
 *
 * @param timeout how long one app may take on one window (default 60 s); after it the run is an
 *                {@code mm-app-failed} and its thread is interrupted
 */
public record RunnerConfig(Duration timeout) {
    public RunnerConfig {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("app timeout must be positive, got " + timeout);
        }
    }

    public static RunnerConfig defaults() {
        return new RunnerConfig(Duration.ofSeconds(60));
    }
}
