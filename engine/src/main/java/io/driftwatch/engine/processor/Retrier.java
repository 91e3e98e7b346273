package io.driftwatch.engine.processor;

import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs port calls until they succeed, with doubling back-off; gives up only when the processor stops. */
final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private final Duration initial;
    private final Duration max;
    private final BooleanSupplier stopping;
    private final AtomicLong failures;

    Retrier(Duration initial, Duration max, BooleanSupplier stopping, AtomicLong failures) {
        this.initial = initial;
        this.max = max;
        this.stopping = stopping;
        this.failures = failures;
    }

    /** Thrown when the processor stops while a call is being retried: nothing of the batch is applied. */
    static final class Stopped extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stream processor stopped", null, false, false);
        }
    }

    <T> T call(String what, Supplier<T> op) {
        long backoff = Math.max(1, initial.toMillis());
        while (true) {
            try {
                return op.get();
            } catch (Stopped e) {
                throw e;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.warn("stream processor: {} failed, retrying in {} ms: {}", what, backoff, e.toString());
            }
            if (stopping.getAsBoolean()) {
                throw new Stopped();
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            backoff = Math.min(backoff * 2, Math.max(1, max.toMillis()));
        }
    }

    void run(String what, Runnable op) {
        call(what, () -> {
            op.run();
            return null;
        });
    }
}
