package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.event.EventPublisher;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.writer.WindowTask;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.labels.LabelledSamples;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MonitoringControllerTest {
    private static final String P = "proj";
    private static final Instant NOON = Instant.parse("2024-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-02T00:00:00Z"));
    private final ProjectStore projects = EngineFixtures.enabledProject(P, Duration.ofMinutes(6));
    private final EndpointStore endpoints = MemoryStores.endpointStore();
    private final CountingSamples samples = new CountingSamples();
    private final List<String> appNames = new CopyOnWriteArrayList<>(List.of("histogram-data-drift"));
    private final List<WindowTask> handled = new CopyOnWriteArrayList<>();
    private final List<Integer> rowsSeen = new CopyOnWriteArrayList<>();
    private WindowHandler handler = (ep, frame, tasks) -> {
        handled.addAll(tasks);
        tasks.forEach(t -> rowsSeen.add(frame.rowCount()));
    };

    private MonitoringController controller() {
        return MonitoringController.create(ControllerConfig.defaults(), clock, projects, endpoints, samples,
                p -> List.copyOf(appNames), (ep, frame, tasks) -> handler.handle(ep, frame, tasks));
    }

    private void events(String uid, Instant... times) {
        for (Instant t : times) {
            samples.add(uid, t);
        }
        Instant first = times[0];
        Instant last = times[times.length - 1];
        ModelEndpoint old = endpoints.get(P, uid).orElse(null);
        if (old != null && old.status().firstRequest() != null && old.status().firstRequest().isBefore(first)) {
            first = old.status().firstRequest();
        }
        endpoints.put(EngineFixtures.endpoint(P, uid, FeatureStats.empty(), List.of("x"), List.of(), first, last));
    }

    @Test
    void analysesEveryClosedNonEmptyWindowIncludingTheFirstEvent() {
        // first event exactly at 12:00 (the window start), last request 13:02 → last_updated 13:01 → 10 windows
        events("ep1", NOON, NOON.plusSeconds(61), NOON.plus(Duration.ofMinutes(25)), NOON.plus(Duration.ofMinutes(62)));
        int n = controller().runOnce();
        assertThat(n).isEqualTo(2);
        assertThat(handled).extracting(WindowTask::startInferTime)
                .containsExactly(NOON, NOON.plus(Duration.ofMinutes(24)));
        assertThat(rowsSeen).containsExactly(2, 1);
        assertThat(samples.reads.get()).isEqualTo(10);
        assertThat(endpoints.lastAnalyzed(P, "ep1", "histogram-data-drift")).contains(NOON.plus(Duration.ofMinutes(60)));
        assertThat(handled.getFirst().endpointId()).isEqualTo("ep1");
        assertThat(handled.getFirst().toWire()).containsEntry("start_infer_time", "2024-03-01 12:00:00.000000+00:00");
    }

    @Test
    void secondRunOnlyAnalysesNewWindows() {
        events("ep1", NOON, NOON.plus(Duration.ofMinutes(62)));
        MonitoringController c = controller();
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(c.runOnce()).isZero();
        events("ep1", NOON.plus(Duration.ofMinutes(61)), NOON.plus(Duration.ofMinutes(80)));
        // last_updated 13:19 → windows 13:00-13:06, 13:06-13:12, 13:12-13:18; only the first has rows (13:01, 13:02)
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(handled.getLast().window()).isEqualTo(Window.of(NOON.plus(Duration.ofMinutes(60)), Duration.ofMinutes(6)));
        assertThat(rowsSeen.getLast()).isEqualTo(2);
    }

    @Test
    void eventsRaisedByABatchsWritesAreDeliveredAfterTheBatchIsWritten() {
        events("ep1", NOON, NOON.plus(Duration.ofMinutes(62)));
        List<Boolean> analysedWhenDelivered = new CopyOnWriteArrayList<>();
        EngineEventListener listener = e -> analysedWhenDelivered.add(
                endpoints.lastAnalyzed(P, "ep1", "histogram-data-drift").isPresent());
        WindowHandler raising = new WindowHandler() {
            @Override
            public void handle(ModelEndpoint ep, SampleFrame frame, List<WindowTask> tasks) {
                handled.addAll(tasks);
            }

            @Override
            public Batch batch() {
                return new Batch() {
                    @Override
                    public void handle(ModelEndpoint ep, SampleFrame frame, List<WindowTask> tasks) {
                        handled.addAll(tasks);
                    }

                    @Override
                    public int pending() {
                        return 0;
                    }

                    @Override
                    public void flush() { // as the writer raises a detected result while writing it
                        EventPublisher.publish(listener, new EngineEvent("data-drift-detected", P,
                                EngineEvent.ENTITY_RESULT, "ep1", Map.of(), NOON));
                    }
                };
            }
        };
        MonitoringController c = MonitoringController.create(ControllerConfig.defaults(), clock, projects, endpoints,
                samples, p -> List.copyOf(appNames), raising);
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(analysedWhenDelivered).as("delivered once the batch's last_analyzed is written with it, not while"
                + " the batch's transaction (and the store's write lock) is held").containsExactly(true);
    }

    @Test
    void aRunWaitsForStoredRowsAndIsDeferredWhenTheyAreNotReadable() {
        events("ep1", NOON, NOON.plus(Duration.ofMinutes(62)));
        AtomicInteger waits = new AtomicInteger();
        AtomicBoolean stored = new AtomicBoolean();
        MonitoringController c = MonitoringController.create(ControllerConfig.defaults(), clock, projects, endpoints,
                samples, p -> List.copyOf(appNames), (ep, frame, tasks) -> handler.handle(ep, frame, tasks),
                () -> {
                    waits.incrementAndGet();
                    return stored.get();
                });
        assertThat(c.runOnce()).isZero();
        assertThat(handled).isEmpty();
        assertThat(samples.reads.get()).as("no window read").isZero();
        assertThat(endpoints.lastAnalyzed(P, "ep1", "histogram-data-drift")).as("nothing advanced").isEmpty();
        stored.set(true);
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(handled).extracting(WindowTask::startInferTime).containsExactly(NOON);
        assertThat(waits.get()).isEqualTo(2);
    }

    @Test
    void backfilledEventsWithOldTimestampsAreAnalysedAtOnce() {
        clock.set(Instant.parse("2025-06-01T00:00:00Z"));
        Instant old = Instant.parse("2024-01-01T00:00:00Z");
        events("old", old, old.plus(Duration.ofMinutes(7)), old.plus(Duration.ofMinutes(30)));
        assertThat(controller().runOnce()).isEqualTo(2);
        assertThat(handled).extracting(WindowTask::startInferTime)
                .containsExactly(old, old.plus(Duration.ofMinutes(6)));
    }

    @Test
    void onlyEnabledProjectsAndActiveMonitoredEndpoints() {
        events("a", NOON, NOON.plus(Duration.ofMinutes(62)));
        events("b", NOON, NOON.plus(Duration.ofMinutes(62)));
        events("c", NOON, NOON.plus(Duration.ofMinutes(62)));
        ModelEndpoint b = endpoints.get(P, "b").orElseThrow();
        endpoints.put(b.withSpec(ModelEndpoint.Spec.builder().model("m").monitoringMode(MonitoringMode.DISABLED)
                .active(true).build()));
        ModelEndpoint c = endpoints.get(P, "c").orElseThrow();
        endpoints.put(c.withSpec(ModelEndpoint.Spec.builder().model("m").monitoringMode(MonitoringMode.ENABLED)
                .active(false).build()));
        assertThat(controller().runOnce()).isEqualTo(1);
        assertThat(handled).extracting(WindowTask::endpointId).containsExactly("a");

        projects.putMonitoringSettings(new ProjectRecords.MonitoringSettings(
                P, false, Duration.ofMinutes(6), Map.of()));
        endpoints.setLastAnalyzed(P, "a", "histogram-data-drift", NOON);
        assertThat(controller().runOnce()).isZero();
    }

    @Test
    void eachAppChainsItsOwnWindowsAndSharesReads() {
        events("ep1", NOON, NOON.plus(Duration.ofMinutes(62)));
        MonitoringController c = controller();
        assertThat(c.runOnce()).isEqualTo(1);
        appNames.add("my-app");
        int readsBefore = samples.reads.get();
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(handled.getLast().applicationName()).isEqualTo("my-app");
        assertThat(samples.reads.get() - readsBefore).isEqualTo(10);
        events("ep1", NOON.plus(Duration.ofMinutes(63)), NOON.plus(Duration.ofMinutes(80)));
        handled.clear();
        assertThat(c.runOnce()).isEqualTo(2);
        assertThat(handled).extracting(WindowTask::applicationName).containsExactlyInAnyOrder("histogram-data-drift", "my-app");
    }

    @Test
    void aFailingEndpointIsRetriedAndDoesNotStopTheOthers() {
        events("bad", NOON, NOON.plus(Duration.ofMinutes(62)));
        events("good", NOON, NOON.plus(Duration.ofMinutes(62)));
        AtomicInteger failures = new AtomicInteger();
        handler = (ep, frame, tasks) -> {
            if (ep.uid().equals("bad") && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("store down");
            }
            handled.addAll(tasks);
        };
        MonitoringController c = controller();
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(endpoints.lastAnalyzed(P, "bad", "histogram-data-drift")).isEmpty();
        assertThat(c.runOnce()).isEqualTo(1);
        assertThat(handled).extracting(WindowTask::endpointId).containsExactly("good", "bad");
    }

    @Test
    void endpointsRunOnABoundedPoolAndRunOnceReturnsWhenAllAreDone() {
        List<String> uids = List.of("e1", "e2", "e3", "e4", "e5");
        uids.forEach(u -> events(u, NOON, NOON.plus(Duration.ofMinutes(62))));
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        handler = (ep, frame, tasks) -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            twoAtOnce.countDown();
            awaitOpen(twoAtOnce); // passes only if a second endpoint runs at the same time
            sleep(20); // kept: the work takes time, so a pool wider than 2 would be caught running a third at once
            active.decrementAndGet();
            handled.addAll(tasks);
        };
        MonitoringController c = MonitoringController.create(ControllerConfig.defaults().withParallelism(2), clock,
                projects, endpoints, samples, p -> List.copyOf(appNames), (ep, f, t) -> handler.handle(ep, f, t));
        assertThat(c.runOnce()).isEqualTo(5);
        assertThat(handled).extracting(WindowTask::endpointId).containsExactlyInAnyOrderElementsOf(uids);
        assertThat(maxActive.get()).isEqualTo(2);
        uids.forEach(u -> assertThat(endpoints.lastAnalyzed(P, u, "histogram-data-drift"))
                .contains(NOON.plus(Duration.ofMinutes(60))));
        assertThatThrownBy(() -> ControllerConfig.defaults().withParallelism(0))
                .hasMessageContaining("parallelism");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void schedulerSkipsAProjectWhoseRunIsStillGoing() throws Exception {
        events("ep1", NOON, NOON.plus(Duration.ofMinutes(62)));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        handler = (ep, frame, tasks) -> {
            calls.incrementAndGet();
            entered.countDown();
            awaitOpen(release);
        };
        var c = (DefaultMonitoringController) controller();
        c.tick();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofMinutes(6));
        c.tick(); // due again, but the first run holds the project: skipped, not stacked
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
        release.countDown();
        clock.advance(Duration.ofMinutes(1));
        c.tick(); // not due yet (next due = +6 min from the second tick)
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
    }

    @Test
    void scheduledRunsHappenEveryBasePeriodAndSurviveFailures() throws Exception {
        events("ep1", NOON, NOON.plus(Duration.ofMinutes(62)));
        List<Instant> runs = new CopyOnWriteArrayList<>();
        handler = (ep, frame, tasks) -> {
            runs.add(clock.instant());
            throw new IllegalStateException("boom");
        };
        try (MonitoringController c = MonitoringController.create(ControllerConfig.defaults().withTick(Duration.ofMillis(20)),
                clock, projects, endpoints, samples, p -> appNames, (ep, f, t) -> handler.handle(ep, f, t))) {
            c.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
            clock.advance(Duration.ofMinutes(6));
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        }
        assertThat(new ArrayList<>(runs)).hasSize(2);
    }

    @Test
    void aLabelOfAnAnalysedWindowAnalysesItAgainWithoutReanalyzeLateButALateRowDoesNot() {
        TimeSeriesStore labels = MemoryStores.timeSeriesStore();
        MonitoringController c = MonitoringController.create(ControllerConfig.defaults(), clock, projects, endpoints,
                new LabelledSamples(samples, labels), p -> List.copyOf(appNames),
                (ep, frame, tasks) -> handler.handle(ep, frame, tasks));
        Instant labelled = NOON.plusSeconds(61);
        clock.set(NOON.plus(Duration.ofDays(1)));
        events("ep1", NOON, labelled, NOON.plus(Duration.ofMinutes(62)));
        assertThat(c.runOnce()).isEqualTo(1);
        pending("ep1", NOON.plusSeconds(30)); // a late row (no label): the project has no reanalyze_late
        assertThat(c.runOnce()).isZero();
        assertThat(endpoints.get(P, "ep1").orElseThrow().status().pendingLate()).as("emptied").isEmpty();

        labels.writeLabels(List.of(new LabelRecord(P, "ep1", "r2", 0, labelled, "1", clock.instant())));
        pending("ep1", labelled);
        assertThat(c.runOnce()).as("backfill by default").isEqualTo(1);
        assertThat(handled.getLast().window()).isEqualTo(Window.of(NOON, Duration.ofMinutes(6)));
        assertThat(c.runOnce()).isZero();

        clock.set(NOON.plus(Duration.ofDays(8)));
        pending("ep1", labelled);
        assertThat(c.runOnce()).as("older than label_delay (7 days)").isZero();
        endpoints.update(P, "ep1", e -> new ModelEndpoint(new ModelEndpoint.Metadata(P, "ep1",
                Map.of("label_delay", "9d")), e.spec(), e.status().toBuilder().pendingLate(List.of(labelled)).build()));
        assertThat(c.runOnce()).as("within the endpoint's label_delay of 9 days").isEqualTo(1);
    }

    private void pending(String uid, Instant t) {
        endpoints.update(P, uid, e -> e.withStatus(e.status().toBuilder().pendingLate(List.of(t)).build()));
    }

    /** The in-memory sample store, counting window reads (the controller must read each window once). */
    private static final class CountingSamples implements SampleStore {
        private final SampleStore rows = MemoryStores.sampleStore();
        final AtomicInteger reads = new AtomicInteger();

        void add(String uid, Instant t) {
            long next = rows.storedOffset() + 1;
            rows.write(List.of(new SampleRow(P, uid, t, "r" + next, 1000, Map.of("x", 1.0), Map.of())), next);
        }

        @Override
        public void write(List<SampleRow> batch, long nextOffset) {
            rows.write(batch, nextOffset);
        }

        @Override
        public long storedOffset() {
            return rows.storedOffset();
        }

        @Override
        public SampleFrame read(String project, String uid, Window window) {
            reads.incrementAndGet();
            return rows.read(project, uid, window);
        }

        @Override
        public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
                throws IOException {
            rows.export(project, uid, start, end, format, out);
        }

        @Override
        public void deleteEndpoint(String project, String uid) {
            rows.deleteEndpoint(project, uid);
        }

        @Override
        public void deleteProject(String project) {
            rows.deleteProject(project);
        }

        @Override
        public long deleteOlderThan(Instant cutoff) {
            return rows.deleteOlderThan(cutoff);
        }
    }

    /** Blocks a handler until the latch opens (at most 5 s). */
    private static void awaitOpen(CountDownLatch latch) {
        await().atMost(Duration.ofSeconds(5)).until(() -> latch.getCount() == 0);
    }
}
