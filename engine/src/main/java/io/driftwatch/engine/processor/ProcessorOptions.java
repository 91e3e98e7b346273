package io.driftwatch.engine.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the stream processor.
 *
 * @param batchRecords  stream records read per batch (default 5,000; fewer when events are large, so that a batch
 *                      holds about 4 MB of events); one sink transaction per batch
 * @param pollWait      how long a read waits for the first record (default 200 ms)
 * @param flushRows     prediction rows buffered before a Parquet write (default 10,000, MLRun's value)
 * @param flushInterval the longest time rows stay buffered (default 60 s, MLRun's value)
 * @param retryInitial  first back-off after a failed port call (default 100 ms), doubling
 * @param retryMax      longest back-off (default 10 s)
 * @param batchLinger   after a batch shorter than {@code batchRecords}, how long the running processor waits before
 *                      reading again, so that a steady trickle of events is applied in fewer, larger sink
 *                      transactions (default 1 s: at most one transaction per second below saturation; a batch
 *                      costs ~14 ms of CPU on a 2-core machine whatever its size (endpoint record read, decoded,
 *                      merged and re-encoded, the sink transaction, DuckDB's own threads): with 200 ms, serving
 *                      4,000 tracked requests/s cost the processor 1.67 s of CPU per 80k events, with 1 s 0.70 s,
 *                      and at sample rate 0.1 1.39 → 0.40 s; the effects are up to that much later, never lost)
 */
public record ProcessorOptions(int batchRecords, Duration pollWait, int flushRows, Duration flushInterval,
                               Duration retryInitial, Duration retryMax, Duration batchLinger) {
    public static final ProcessorOptions DEFAULTS = new ProcessorOptions(5_000, Duration.ofMillis(200), 10_000,
            Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(1));

    public ProcessorOptions {
        if (batchRecords < 1 || flushRows < 1) {
            throw new IllegalArgumentException("batchRecords and flushRows must be >= 1, got "
                    + batchRecords + " and " + flushRows);
        }
        for (Duration d : new Duration[]{pollWait, flushInterval, retryInitial, retryMax, batchLinger}) {
            if (Objects.requireNonNull(d, "durations must not be null").isNegative()) {
                throw new IllegalArgumentException("durations must not be negative, got " + d);
            }
        }
    }

    public ProcessorOptions withBatchRecords(int n) {
        return new ProcessorOptions(n, pollWait, flushRows, flushInterval, retryInitial, retryMax, batchLinger);
    }

    public ProcessorOptions withPollWait(Duration d) {
        return new ProcessorOptions(batchRecords, d, flushRows, flushInterval, retryInitial, retryMax, batchLinger);
    }

    public ProcessorOptions withFlush(int rows, Duration interval) {
        return new ProcessorOptions(batchRecords, pollWait, rows, interval, retryInitial, retryMax, batchLinger);
    }

    public ProcessorOptions withBatchLinger(Duration d) {
        return new ProcessorOptions(batchRecords, pollWait, flushRows, flushInterval, retryInitial, retryMax, d);
    }

    public ProcessorOptions withRetry(Duration initial, Duration max) {
        return new ProcessorOptions(batchRecords, pollWait, flushRows, flushInterval, initial, max, batchLinger);
    }
}
