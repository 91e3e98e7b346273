package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.StreamBackpressureException;
import java.time.Clock;

/**
 * Backpressure: admits a batch only if, counting every batch admitted so far (durable or in
 * flight), the slowest registered consumer would stay within {@code maxLagRecords} and
 * {@code maxLagBytes}. The record bound is exact; the byte bound is exact for appended bytes and
 * errs on the safe side by at most one index interval (4 KiB) for the consumer's position.
 * Estimates Retry-After from the consumers' observed progress rate. O(1) per call, thread-safe.
 */
final class Admission {

    private static final long MAX_RETRY_AFTER_SECONDS = 60;

    private final long maxRecords;
    private final long maxBytes;
    private final Clock clock;
    private long acceptedRecords;
    private long acceptedBytes;
    private long minCommitted = -1;
    private long minCommittedBytes;
    private long lastAdvanceMillis = -1;
    private double recordsPerSecond;

    Admission(long maxRecords, long maxBytes, Clock clock, long endOffset, long endBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.acceptedRecords = endOffset;
        this.acceptedBytes = endBytes;
    }

    /** Admits {@code n} records of {@code bytes} encoded bytes or throws. */
    synchronized void admit(int n, long bytes) {
        if (n > maxRecords || bytes > maxBytes) {
            throw new IllegalArgumentException("Batch of " + n + " records / " + bytes
                    + " bytes exceeds the stream's lag bound (" + maxRecords + " records / " + maxBytes + " bytes)");
        }
        if (minCommitted >= 0) {
            long lag = acceptedRecords - minCommitted;
            long excessRecords = lag + n - maxRecords;
            long excessBytes = acceptedBytes - minCommittedBytes + bytes - maxBytes;
            if (excessRecords > 0 || excessBytes > 0) {
                throw new StreamBackpressureException("Stream consumer lag " + lag + " records / "
                        + (acceptedBytes - minCommittedBytes) + " bytes is at the bound (" + maxRecords
                        + " records / " + maxBytes + " bytes)", lag, retryAfter(excessRecords, excessBytes));
            }
        }
        acceptedRecords += n;
        acceptedBytes += bytes;
    }

    /**
     * The slowest registered consumer is now at {@code offset}, {@code bytes} record bytes into the
     * log; {@code offset} -1 means no consumer is registered (no bound).
     */
    synchronized void consumerAt(long offset, long bytes) {
        long now = clock.millis();
        if (offset > minCommitted && minCommitted >= 0 && lastAdvanceMillis >= 0 && now > lastAdvanceMillis) {
            double rate = (offset - minCommitted) * 1000.0 / (now - lastAdvanceMillis);
            recordsPerSecond = recordsPerSecond == 0 ? rate : 0.7 * recordsPerSecond + 0.3 * rate;
        }
        if (offset != minCommitted) {
            lastAdvanceMillis = now;
        }
        minCommitted = offset;
        minCommittedBytes = bytes;
    }

    private long retryAfter(long excessRecords, long excessBytes) {
        if (recordsPerSecond <= 0) {
            return 1;
        }
        double bytesPerRecord = acceptedRecords == 0 ? 1 : Math.max(1.0, (double) acceptedBytes / acceptedRecords);
        double excess = Math.max(excessRecords, excessBytes / bytesPerRecord);
        long seconds = (long) Math.ceil(excess / recordsPerSecond);
        return Math.clamp(seconds, 1, MAX_RETRY_AFTER_SECONDS);
    }
}
