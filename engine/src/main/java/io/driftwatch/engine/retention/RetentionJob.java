package io.driftwatch.engine.retention;

import io.driftwatch.concurrent.BackgroundThreads;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is older than the retention period from every store: {@link #runOnce()} computes the cutoff
 * {@code clock.instant() - retention} and calls each port's retention method ({@code deleteOlderThan}, alert
 * activations' {@code deleteActivationsOlderThan}). {@link #start(Duration)} repeats it on a daemon thread (hourly in
 * {@code driftwatch serve}); a run that finds another one in progress is skipped, and a failing store is logged
 * without stopping the other stores or the next run.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    /** The stores retention applies to; a null alert or artifact store or audit log is skipped. */
    public record Stores(TimeSeriesStore timeSeries, SampleStore samples, ArtifactStore artifacts, AlertStore alerts,
                         AuditLog audit) {
        public Stores {
            Objects.requireNonNull(timeSeries, "timeSeries");
            Objects.requireNonNull(samples, "samples");
        }

        /** The stores without an audit log. */
        public Stores(TimeSeriesStore timeSeries, SampleStore samples, ArtifactStore artifacts, AlertStore alerts) {
            this(timeSeries, samples, artifacts, alerts, null);
        }
    }

    /**
     * What one run deleted.
     *
     * @param cutoff      everything before it was deleted
     * @param seriesRows  time-series rows (predictions, errors, app results and metrics)
     * @param sampleUnits Parquet files (embedded) or rows (in memory) of raw prediction rows
     * @param artifacts   artifacts of windows that ended before the cutoff
     * @param activations alert activations
     * @param failures    stores whose deletion failed (logged)
     * @param audit       audit-log entries
     */
    public record Outcome(Instant cutoff, long seriesRows, long sampleUnits, int artifacts, int activations,
                          int failures, int audit) {
    }

    private final Stores stores;
    private final Clock clock;
    private final Duration retention;
    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    /** A job keeping {@code retention} of data as measured by {@code clock}; not started. */
    public RetentionJob(Stores stores, Clock clock, Duration retention) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
    }

    /** The stores it deletes from. */
    public Stores stores() {
        return stores;
    }

    /** The retention period. */
    public Duration retention() {
        return retention;
    }

    /** Runs every {@code interval} (first run after one interval) until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("the retention job is already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.factory("retention"));
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runLogged, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            runOnce().ifPresent(o -> LOG.info("retention {}: deleted data before {}: {} series rows, {} sample "
                    + "files/rows, {} artifacts, {} alert activations, {} audit entries, {} failures", retention, o.cutoff(),
                    o.seriesRows(), o.sampleUnits(), o.artifacts(), o.activations(), o.audit(), o.failures()));
        } catch (RuntimeException e) {
            LOG.warn("retention run failed", e);
        }
    }

    /** One run now; empty (and nothing done) when another run is in progress. */
    public Optional<Outcome> runOnce() {
        if (!running.compareAndSet(false, true)) {
            LOG.info("retention: a run is in progress; this one is skipped");
            return Optional.empty();
        }
        try {
            Instant cutoff = clock.instant().minus(retention);
            int[] failures = {0};
            long series = attempt("time series", failures, () -> stores.timeSeries().deleteOlderThan(cutoff));
            long samples = attempt("samples", failures, () -> stores.samples().deleteOlderThan(cutoff));
            long artifacts = stores.artifacts() == null ? 0
                    : attempt("artifacts", failures, () -> (long) stores.artifacts().deleteOlderThan(cutoff));
            long activations = stores.alerts() == null ? 0 : attempt("alert activations", failures,
                    () -> (long) stores.alerts().deleteActivationsOlderThan(cutoff));
            long audit = stores.audit() == null ? 0
                    : attempt("audit entries", failures, () -> (long) stores.audit().deleteOlderThan(cutoff));
            return Optional.of(new Outcome(cutoff, series, samples, (int) artifacts, (int) activations, failures[0],
                    (int) audit));
        } finally {
            running.set(false);
        }
    }

    private interface Deletion {
        long run();
    }

    private static long attempt(String what, int[] failures, Deletion d) {
        try {
            return d.run();
        } catch (RuntimeException e) {
            failures[0]++;
            LOG.warn("retention: deleting old {} failed", what, e);
            return 0;
        }
    }

    /** Stops the schedule (a run in progress completes). Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
