package io.driftwatch.server.auth;

import io.driftwatch.server.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throttles failed authentication per client address (issue 18): a token bucket of {@link Limits#burst} failures
 * per address, refilled by one every {@link Limits#refill}. A request that presents a key (or a session cookie, or a
 * login) from an address whose bucket is empty is answered 429 with {@code Retry-After} before its key is checked —
 * so a flood of wrong keys costs no PBKDF2 work — even when the key would be right; requests without any key are not
 * throttled (they cost nothing and get 401). Failures and throttled requests are counted for {@code /metrics}. At
 * most {@link #MAX_ADDRESSES} addresses are tracked; beyond that the full (idle) buckets are dropped first.
 */
public final class AuthThrottle {
    /** Addresses tracked at most. */
    static final int MAX_ADDRESSES = 10_000;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();
    private final LongAdder throttled = new LongAdder();

    /**
     * How many failures an address may have in a row, and how fast it earns one more.
     *
     * @param burst  failures allowed at once (≥ 1)
     * @param refill the time to earn back one failure (&gt; 0)
     */
    public record Limits(int burst, Duration refill) {
        /** 20 failures at once, then one every 3 s (20 a minute). */
        public static final Limits DEFAULT = new Limits(20, Duration.ofSeconds(3));

        public Limits {
            if (burst < 1 || refill == null || refill.isNegative() || refill.isZero()) {
                throw new IllegalArgumentException("auth throttle: burst must be >= 1 and refill > 0, got " + burst
                        + " and " + refill);
            }
        }

        /** The limits of the system properties {@code driftwatch.auth.failure-burst} and {@code …failure-refill-ms}. */
        public static Limits fromSystemProperties() {
            return new Limits(Integer.getInteger("driftwatch.auth.failure-burst", DEFAULT.burst()),
                    Duration.ofMillis(Long.getLong("driftwatch.auth.failure-refill-ms", DEFAULT.refill().toMillis())));
        }
    }

    /** A throttle with {@code limits}, timed by {@code clock}. */
    public AuthThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** @throws ApiException 429 (with the seconds to wait) when {@code remote} has no failure left */
    public void admit(String remote) {
        Bucket b = buckets.get(key(remote));
        if (b == null) {
            return;
        }
        long waitMs = b.waitMillis(clock.millis(), limits);
        if (waitMs > 0) {
            throttled.increment();
            long seconds = Math.max(1, (waitMs + 999) / 1000);
            throw ApiException.tooManyRequests("too_many_failed_logins", "too many failed authentications from "
                    + key(remote) + ": retry in " + seconds + " s", seconds);
        }
    }

    /** Counts a failed authentication from {@code remote}. */
    public void failed(String remote) {
        failures.increment();
        if (buckets.size() >= MAX_ADDRESSES) {
            long now = clock.millis();
            buckets.values().removeIf(b -> b.full(now, limits));
            if (buckets.size() >= MAX_ADDRESSES) {
                buckets.clear();
            }
        }
        buckets.computeIfAbsent(key(remote), k -> new Bucket(limits.burst(), clock.millis()))
                .take(clock.millis(), limits);
    }

    /** Failed authentications so far. */
    public long failures() {
        return failures.sum();
    }

    /** Requests refused with 429 so far. */
    public long throttled() {
        return throttled.sum();
    }

    private static String key(String remote) {
        return remote == null ? "unknown" : remote;
    }

    /** Tokens (failures left) of one address, refilled lazily. */
    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized void take(long now, Limits l) {
            refill(now, l);
            tokens = Math.max(0, tokens - 1);
        }

        synchronized long waitMillis(long now, Limits l) {
            refill(now, l);
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * l.refill().toMillis());
        }

        synchronized boolean full(long now, Limits l) {
            refill(now, l);
            return tokens >= l.burst();
        }

        private void refill(long now, Limits l) {
            if (now > at) {
                tokens = Math.min(l.burst(), tokens + (double) (now - at) / l.refill().toMillis());
                at = now;
            }
        }
    }
}
