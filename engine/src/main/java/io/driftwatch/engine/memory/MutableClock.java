package io.driftwatch.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that only moves when told to: the one test clock of the code base (the engine's tests, the
 * test kit's contracts and the adapters' tests all use it). It lives in main code beside the in-memory adapters
 * because the engine's own tests cannot depend on the {@code driftwatch-testkit} module (which depends on the
 * engine). Thread-safe: readers see the last {@link #set} or {@link #advance}.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code now}. */
    public MutableClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock to {@code t} (backwards too). */
    public void set(Instant t) {
        now = t;
    }

    /** Moves the clock forward by {@code d}. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
