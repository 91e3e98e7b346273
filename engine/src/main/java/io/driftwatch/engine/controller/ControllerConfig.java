package io.driftwatch.engine.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link MonitoringController}.
 *
 * @param grace            subtracted from {@code last_request} to get {@code last_updated} (default 60 s, MLRun's)
 * @param maxWindowsPerRun windows per endpoint × app in one run; the rest come in the next run (default 10,000)
 * @param tick             how often the scheduler checks which projects are due (default 1 s)
 * @param parallelism      endpoints of one project run analysed at once, each on its own worker thread (the windows
 *                         of one endpoint stay in order on one thread); default the number of cores clamped to
 *                         2–4. A 1,000-row × 20-feature window costs ~20–40 ms of CPU, so 2 workers on 2 cores
 *                         analyse 100 such endpoints in ~2–4 s.
 */
public record ControllerConfig(Duration grace, int maxWindowsPerRun, Duration tick, int parallelism) {
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
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be in 1..64, got " + parallelism);
        }
    }

    /** The settings with the default parallelism. */
    public ControllerConfig(Duration grace, int maxWindowsPerRun, Duration tick) {
        this(grace, maxWindowsPerRun, tick, defaultParallelism());
    }

    public static ControllerConfig defaults() {
        return new ControllerConfig(Duration.ofSeconds(60), 10_000, Duration.ofSeconds(1));
    }

    /** The number of cores clamped to 2–4. */
    public static int defaultParallelism() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 4);
    }

    public ControllerConfig withGrace(Duration newGrace) {
        return new ControllerConfig(newGrace, maxWindowsPerRun, tick, parallelism);
    }

    public ControllerConfig withTick(Duration newTick) {
        return new ControllerConfig(grace, maxWindowsPerRun, newTick, parallelism);
    }

    public ControllerConfig withParallelism(int newParallelism) {
        return new ControllerConfig(grace, maxWindowsPerRun, tick, newParallelism);
    }
}
