package io.driftwatch.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retention job: cutoff from the injected clock, failures isolated per store, overlapping runs skipped. */
class RetentionJobTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static Prediction prediction(Instant t) {
        return new Prediction("p", "u", t, 1, 1, Map.of());
    }

    @Test
    void deletesWhatIsOlderThanTheRetentionOnTheInjectedClock() {
        MutableClock clock = new MutableClock(NOW);
        TimeSeriesStore ts = MemoryStores.timeSeriesStore();
        SampleStore samples = MemoryStores.sampleStore();
        ts.writePredictions(List.of(prediction(NOW.minus(Duration.ofDays(31))), prediction(NOW.minusSeconds(60))));
        samples.write(List.of(new SampleRow("p", "u", NOW.minus(Duration.ofDays(40)), "a", 1, Map.of("x", 1.0),
                Map.of()), new SampleRow("p", "u", NOW, "b", 1, Map.of("x", 2.0), Map.of())), 1);
        RetentionJob job = new RetentionJob(new RetentionJob.Stores(ts, samples, MemoryStores.artifactStore(),
                MemoryStores.alertStore()), clock, Duration.ofDays(30));
        RetentionJob.Outcome o = job.runOnce().orElseThrow();
        assertThat(o.cutoff()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(o.seriesRows()).isEqualTo(1);
        assertThat(o.sampleUnits()).isEqualTo(1);
        assertThat(ts.predictions("p", "u", Instant.EPOCH, NOW.plusSeconds(1))).hasSize(1);
        clock.advance(Duration.ofDays(30));
        assertThat(job.runOnce().orElseThrow().seriesRows()).isEqualTo(1);
        assertThat(ts.predictions("p", "u", Instant.EPOCH, NOW.plusSeconds(1))).isEmpty();
        assertThatThrownBy(() -> new RetentionJob(job.stores(), clock, Duration.ZERO))
                .hasMessageContaining("retention");
    }

    @Test
    void auditEntriesOlderThanTheRetentionAreDeleted() {
        AuditLog audit = MemoryStores.auditLog();
        audit.append(new AuditLog.Entry(NOW.minus(Duration.ofDays(31)), "admin", "server-admin", "POST",
                "/api/v1/projects", null, 201, "127.0.0.1"));
        audit.append(new AuditLog.Entry(NOW.minusSeconds(5), "admin", "server-admin", "DELETE",
                "/api/v1/projects/{p}", "p", 204, "127.0.0.1"));
        RetentionJob job = new RetentionJob(new RetentionJob.Stores(MemoryStores.timeSeriesStore(),
                MemoryStores.sampleStore(), null, null, audit), new MutableClock(NOW), Duration.ofDays(30));
        assertThat(job.runOnce().orElseThrow().audit()).isEqualTo(1);
        assertThat(audit.query(null, null, 10)).extracting(AuditLog.Entry::method).containsExactly("DELETE");
    }

    @Test
    void aFailingStoreIsCountedAndTheOthersStillRun() {
        SampleStore samples = MemoryStores.sampleStore();
        samples.write(List.of(new SampleRow("p", "u", NOW.minus(Duration.ofDays(40)), "a", 1, Map.of(), Map.of())), 1);
        TimeSeriesStore failing = intercept(MemoryStores.timeSeriesStore(), () -> {
            throw new IllegalStateException("disk gone");
        });
        RetentionJob job = new RetentionJob(new RetentionJob.Stores(failing, samples, null, null),
                new MutableClock(NOW), Duration.ofDays(30));
        RetentionJob.Outcome o = job.runOnce().orElseThrow();
        assertThat(o.failures()).isEqualTo(1);
        assertThat(o.sampleUnits()).isEqualTo(1);
    }

    @Test
    void aRunWhileAnotherIsInProgressIsSkipped() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TimeSeriesStore slow = intercept(MemoryStores.timeSeriesStore(), () -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return 0L;
        });
        RetentionJob job = new RetentionJob(new RetentionJob.Stores(slow, MemoryStores.sampleStore(), null, null),
                new MutableClock(NOW), Duration.ofDays(30));
        CompletableFuture<Optional<RetentionJob.Outcome>> first = CompletableFuture.supplyAsync(job::runOnce);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.runOnce()).isEmpty();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(job.runOnce()).isPresent();
    }

    private interface Body {
        Object run() throws Exception;
    }

    /** The store with {@code deleteOlderThan} replaced by {@code body}. */
    private static TimeSeriesStore intercept(TimeSeriesStore store, Body body) {
        return (TimeSeriesStore) Proxy.newProxyInstance(TimeSeriesStore.class.getClassLoader(),
                new Class<?>[] {TimeSeriesStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteOlderThan")) {
                        return body.run();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
