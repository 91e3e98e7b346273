package io.driftwatch.serving.tracking;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic, lock-free sampling at a rate in (0, 1]: of every n requests exactly ⌊n·rate⌋ (±1) are kept, evenly
 * spaced (rate 0.25 keeps the 4th, 8th, ...). MLRun's {@code sample=N} ("1 of every N") is rate {@code 1/N}. One
 * {@code AtomicLong} increment per request.
 */
public final class Sampler {
    private final double rate;
    private final AtomicLong seen = new AtomicLong();

    private Sampler(double rate) {
        this.rate = rate;
    }

    /**
     * @throws IllegalArgumentException unless {@code 0 < rate ≤ 1}
     */
    public static Sampler of(double rate) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in (0, 1], got " + rate);
        }
        return new Sampler(rate);
    }

    public double rate() {
        return rate;
    }

    /** Whether to keep the next request. */
    public boolean sample() {
        if (rate >= 1) {
            return true;
        }
        long n = seen.incrementAndGet();
        return Math.floor(n * rate) > Math.floor((n - 1) * rate);
    }
}
