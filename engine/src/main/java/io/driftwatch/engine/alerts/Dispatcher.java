package io.driftwatch.engine.alerts;

import io.driftwatch.engine.alerts.AlertActivation.Delivery;
import io.driftwatch.engine.alerts.AlertActivation.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications off the caller's thread: each delivery runs on its own virtual thread, so a slow or dead
 * channel never blocks the pipeline (the caller returns in microseconds). A failed attempt is retried with doubling
 * back-off ({@code initialBackoff}, 2×, 4×, ... capped at {@code maxBackoff}) up to {@code maxAttempts}; every
 * attempt reports a {@link Delivery} (pending, then sent or failed with the last error). At most
 * {@code maxInFlight} deliveries run at once; beyond that a delivery fails at once ("dropped") instead of queueing
 * without bound.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Map<String, Notifier> notifiers;
    private final Options options;
    private final Clock clock;
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("alert-notify-", 0).factory());

    /**
     * @param maxAttempts    attempts per delivery (≥ 1)
     * @param initialBackoff wait before the second attempt
     * @param maxBackoff     longest wait between attempts
     * @param maxInFlight    deliveries running at once
     */
    public record Options(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int maxInFlight) {
        /** 4 attempts, 1 s → 2 s → 4 s, at most 256 in flight. */
        public static final Options DEFAULTS = new Options(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 256);

        public Options {
            if (maxAttempts < 1 || maxInFlight < 1 || initialBackoff.isNegative() || maxBackoff.isNegative()) {
                throw new IllegalArgumentException("invalid dispatcher options: attempts " + maxAttempts
                        + ", in flight " + maxInFlight + ", back-off " + initialBackoff + ".." + maxBackoff);
            }
        }
    }

    public Dispatcher(Map<String, Notifier> notifiers, Options options, Clock clock) {
        this.notifiers = Map.copyOf(notifiers);
        this.options = options;
        this.clock = clock;
        this.slots = new Semaphore(options.maxInFlight());
    }

    /** The kinds this dispatcher can deliver. */
    public boolean supports(String kind) {
        return notifiers.containsKey(kind);
    }

    /**
     * Starts delivering {@code message} as notification {@code index}; {@code report} receives each state change
     * (on the delivery's thread; it must not throw).
     */
    public void dispatch(int index, String kind, Message message, Consumer<Delivery> report) {
        Notifier n = notifiers.get(kind);
        if (n == null) {
            report.accept(new Delivery(index, kind, Status.FAILED, 0, "no notifier for kind " + kind, clock.instant()));
            return;
        }
        if (!slots.tryAcquire()) {
            report.accept(new Delivery(index, kind, Status.FAILED, 0, "dropped: " + options.maxInFlight()
                    + " deliveries already in flight", clock.instant()));
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    deliver(index, n, message, report);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            report.accept(new Delivery(index, kind, Status.FAILED, 0, "dispatcher closed", clock.instant()));
        }
    }

    private void deliver(int index, Notifier n, Message message, Consumer<Delivery> report) {
        String error = null;
        Duration backoff = options.initialBackoff();
        int attempts = 0;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            attempts = attempt;
            try {
                n.send(message);
                report.accept(new Delivery(index, n.kind(), Status.SENT, attempt, error, clock.instant()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted (shutting down)";
                break;
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("alert {}/{}: {} notification attempt {}/{} failed: {}", message.alert().project(),
                        message.alert().name(), n.kind(), attempt, options.maxAttempts(), error);
            }
            if (attempt < options.maxAttempts()) {
                report.accept(new Delivery(index, n.kind(), Status.PENDING, attempt, error, null));
                if (!sleep(backoff)) {
                    error = "interrupted (shutting down) after: " + error;
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        LOG.error("alert {}/{}: {} notification failed for good: {}", message.alert().project(),
                message.alert().name(), n.kind(), error);
        report.accept(new Delivery(index, n.kind(), Status.FAILED, attempts, error,
                clock.instant()));
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits up to {@code timeout} for running deliveries, then interrupts them. */
    public void close(Duration timeout) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
