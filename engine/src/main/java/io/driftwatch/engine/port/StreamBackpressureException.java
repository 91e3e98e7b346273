package io.driftwatch.engine.port;

import java.io.Serial;
import java.time.Duration;

/**
 * Thrown by {@link EventStream#append} when accepting the records would let the slowest registered
 * consumer fall further behind than the configured bound (records or bytes). Nothing of the
 * rejected batch was appended. HTTP ingest answers {@code 429 Too Many Requests} with
 * {@code Retry-After: }{@link #retryAfterSeconds()}.
 */
public final class StreamBackpressureException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long lag;
    private final long retryAfterSeconds;

    /**
     * @param message           what bound was exceeded
     * @param lag               the slowest consumer's lag, in records, when the batch was rejected
     * @param retryAfterSeconds suggested wait before retrying, at least 1
     */
    public StreamBackpressureException(String message, long lag, long retryAfterSeconds) {
        super(message);
        this.lag = lag;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** The slowest registered consumer's lag in records when the batch was rejected. */
    public long lag() {
        return lag;
    }

    /** Suggested wait in whole seconds (the HTTP {@code Retry-After} value), at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@link #retryAfterSeconds()} as a duration. */
    public Duration retryAfter() {
        return Duration.ofSeconds(retryAfterSeconds);
    }
}
