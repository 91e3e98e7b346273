package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EndpointStore} must have. Subclass it in the adapter's tests and implement
 * {@link #createStore()} (a new, empty store per test); override {@link #reopen} when the store is durable.
 */
public abstract class EndpointStoreContract {
    protected EndpointStore store;

    /** A new, empty store. */
    protected abstract EndpointStore createStore() throws Exception;

    /** The same data opened again (closing the old instance if needed); in-memory stores return it as is. */
    protected EndpointStore reopen(EndpointStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    /** Put, get and replace of a record. */
    @Nested
    class RoundTrip {
        @Test
        void putThenGetRoundTripsEveryField() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            assertThat(store.get("p1", e.uid())).contains(e);
            store = reopen(store);
            assertThat(store.get("p1", e.uid())).contains(e);
        }

        /** Many endpoints sharing reference statistics, and endpoints with their own or none, read back equal. */
        @Test
        void endpointsSharingAndNotSharingStatisticsRoundTrip() throws Exception {
            List<ModelEndpoint> all = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> TestData.endpoint("p1", "s" + i, "m")).toList());
            all.add(TestData.withFeatureStats(TestData.endpoint("p1", "s", "own"),
                    FeatureStats.of(Map.of("x", TestData.featureStats().columns().get("x")))));
            all.add(TestData.withFeatureStats(TestData.endpoint("p1", "s", "none"), FeatureStats.empty()));
            all.forEach(store::put);
            store.update("p1", all.get(3).uid(), e -> e); // an update keeps them
            store = reopen(store);
            Map<String, ModelEndpoint> byUid = new java.util.HashMap<>();
            all.forEach(e -> byUid.put(e.uid(), e));
            assertThat(store.getAll("p1", byUid.keySet())).isEqualTo(byUid);
            assertThat(store.list("p1", EndpointFilter.ALL)).containsExactlyInAnyOrderElementsOf(all);
            all.forEach(e -> assertThat(store.get("p1", e.uid())).contains(e));
        }

        @Test
        void bareEndpointRoundTrips() {
            ModelEndpoint e = TestData.bareEndpoint("p1", "serving:v2", "churn");
            store.put(e);
            assertThat(store.get("p1", e.uid())).contains(e);
        }

        @Test
        void getOfUnknownUidOrOtherProjectIsEmpty() {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            assertThat(store.get("p1", "0000")).isEmpty();
            assertThat(store.get("p2", e.uid())).isEmpty();
        }

        @Test
        void putReplacesTheRecord() {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            ModelEndpoint changed = TestData.withLabels(
                    TestData.withRequests(e, T0.minusSeconds(5), T0.plusSeconds(99)), Map.of("k", "v"));
            store.put(changed);
            assertThat(store.get("p1", e.uid())).contains(changed);
            assertThat(store.list("p1", EndpointFilter.ALL)).containsExactly(changed);
        }
    }

    /** Atomic read-modify-write. */
    @Nested
    class Updates {
        @Test
        void updateAppliesTheChangeToTheStoredRecordAtomically() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            int writers = 8;
            int each = 25;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < writers; w++) {
                    pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            store.update("p1", e.uid(), cur -> cur.withStatus(cur.status().toBuilder()
                                    .errorCount(cur.status().errorCount() + 1).build()));
                        }
                        return null;
                    });
                }
            }
            store = reopen(store);
            assertThat(store.get("p1", e.uid()).orElseThrow().status().errorCount())
                    .isEqualTo(e.status().errorCount() + writers * each);
        }

        @Test
        void updateOfAMissingRecordIsEmptyAndCallsNothing() {
            assertThat(store.update("p1", "0000", cur -> {
                throw new AssertionError("change called for a missing record");
            })).isEmpty();
            assertThat(store.get("p1", "0000")).isEmpty();
        }
    }

    /** Listing order, scope and filters. */
    @Nested
    class Listing {
        @Test
        void listIsOrderedByUidAndScopedToTheProject() {
            ModelEndpoint a = TestData.endpoint("p1", "serving", "a");
            ModelEndpoint b = TestData.endpoint("p1", "serving", "b");
            ModelEndpoint c = TestData.endpoint("p1", "other", "c");
            store.put(c);
            store.put(a);
            store.put(b);
            store.put(TestData.endpoint("p2", "serving", "a"));
            assertThat(store.list("p1", EndpointFilter.ALL)).extracting(ModelEndpoint::uid)
                    .containsExactlyElementsOf(Stream.of(a, b, c).map(ModelEndpoint::uid).sorted().toList());
            assertThat(store.list("nope", EndpointFilter.ALL)).isEmpty();
        }

        @Test
        void modelsAreEveryEndpointsModelNameByUidInTheProject() {
            ModelEndpoint a = TestData.endpoint("p1", "serving", "a");
            ModelEndpoint b = TestData.endpoint("p1", "other", "b");
            store.put(b);
            store.put(a);
            store.put(TestData.endpoint("p2", "serving", "c"));
            Map<String, String> expected = new java.util.HashMap<>();
            expected.put(a.uid(), a.spec().model());
            expected.put(b.uid(), b.spec().model());
            assertThat(store.models("p1")).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(store.models("nope")).isEmpty();
        }

        @Test
        void listFiltersByModelFunctionAndLabels() {
            ModelEndpoint a = TestData.endpoint("p1", "serving", "a");
            ModelEndpoint b = TestData.withLabels(TestData.endpoint("p1", "other:v1", "b"), Map.of("team", "x"));
            store.put(a);
            store.put(b);
            assertThat(store.list("p1", new EndpointFilter("a", null, null, null, null))).containsExactly(a);
            assertThat(store.list("p1", new EndpointFilter(null, "other", null, null, null))).containsExactly(b);
            assertThat(store.list("p1", new EndpointFilter(null, "other:v1", null, null, null))).containsExactly(b);
            assertThat(store.list("p1", new EndpointFilter(null, "p1/other:v1", null, null, null))).containsExactly(b);
            assertThat(store.list("p1", new EndpointFilter(null, "serving", null, null, null))).containsExactly(a);
            assertThat(store.list("p1", new EndpointFilter(null, null, Map.of("team", "x"), null, null)))
                    .containsExactly(b);
            assertThat(store.list("p1", new EndpointFilter(null, null, Map.of("team", "fraud", "env", "prod"), null,
                    null))).containsExactly(a);
            assertThat(store.list("p1", new EndpointFilter("a", "other", null, null, null))).isEmpty();
        }

        @Test
        void listFiltersByTime() {
            ModelEndpoint early = TestData.withRequests(TestData.endpoint("p1", "s", "early"), T0, T0.plusSeconds(60));
            ModelEndpoint late = TestData.withRequests(TestData.endpoint("p1", "s", "late"),
                    T0.plusSeconds(600), T0.plusSeconds(900));
            ModelEndpoint none = TestData.bareEndpoint("p1", "s", "none");
            store.put(early);
            store.put(late);
            store.put(none);
            Instant mid = T0.plusSeconds(300);
            // start: last_request at or after; end: first_request before
            assertThat(store.list("p1", new EndpointFilter(null, null, null, mid, null))).containsExactly(late);
            assertThat(store.list("p1", new EndpointFilter(null, null, null, T0.plusSeconds(60), null)))
                    .containsExactlyInAnyOrder(early, late);
            assertThat(store.list("p1", new EndpointFilter(null, null, null, null, mid))).containsExactly(early);
            assertThat(store.list("p1", new EndpointFilter(null, null, null, null, T0.plusSeconds(600))))
                    .containsExactly(early);
        }
    }

    /** Deleting an endpoint. */
    @Nested
    class Deletion {
        @Test
        void deleteRemovesRecordAndSchedule() {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            store.setLastAnalyzed("p1", e.uid(), "histogram-data-drift", T0);
            assertThat(store.delete("p1", e.uid())).isTrue();
            assertThat(store.get("p1", e.uid())).isEmpty();
            assertThat(store.lastAnalyzed("p1", e.uid(), "histogram-data-drift")).isEmpty();
            assertThat(store.delete("p1", e.uid())).isFalse();
        }
    }

    /** The controller's last-analyzed schedule. */
    @Nested
    class Schedule {
        @Test
        void lastAnalyzedIsPerEndpointAndApplication() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            assertThat(store.lastAnalyzed("p1", e.uid(), "app")).isEmpty();
            store.setLastAnalyzed("p1", e.uid(), "app", T0);
            store.setLastAnalyzed("p1", e.uid(), "other", T0.plusSeconds(1));
            store.setLastAnalyzed("p1", e.uid(), "app", T0.plusSeconds(600));
            store = reopen(store);
            assertThat(store.lastAnalyzed("p1", e.uid(), "app")).contains(T0.plusSeconds(600));
            assertThat(store.lastAnalyzed("p1", e.uid(), "other")).contains(T0.plusSeconds(1));
            assertThat(store.lastAnalyzed("p2", e.uid(), "app")).isEmpty();
            assertThat(store.lastAnalyzedAny("p1", e.uid())).as("the latest over the apps").contains(T0.plusSeconds(600));
            assertThat(store.lastAnalyzedAny("p2", e.uid())).isEmpty();
        }

        @Test
        void lateRowsAndPendingLateTimesRoundTrip() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e.withStatus(e.status().withLate(7, List.of(T0, T0.plusSeconds(3)))));
            store = reopen(store);
            ModelEndpoint read = store.get("p1", e.uid()).orElseThrow();
            assertThat(read.status().lateRows()).isEqualTo(7);
            assertThat(read.status().pendingLate()).containsExactly(T0, T0.plusSeconds(3));
        }
    }

    /** Project deletion: every record and schedule entry of the project goes, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesRecordsAndSchedules() throws Exception {
            ModelEndpoint a = TestData.endpoint("p", "p/serving", "m1");
            ModelEndpoint b = TestData.endpoint("p", "p/serving", "m2");
            ModelEndpoint c = TestData.endpoint("q", "q/serving", "m1");
            List.of(a, b, c).forEach(store::put);
            store.setLastAnalyzed("p", a.uid(), "drift", T0);
            store.setLastAnalyzed("q", c.uid(), "drift", T0);
            assertThat(store.deleteProject("p")).isEqualTo(2);
            store = reopen(store);
            assertThat(store.list("p", EndpointFilter.ALL)).isEmpty();
            assertThat(store.lastAnalyzed("p", a.uid(), "drift")).isEmpty();
            assertThat(store.list("q", EndpointFilter.ALL)).containsExactly(c);
            assertThat(store.lastAnalyzed("q", c.uid(), "drift")).contains(T0);
            assertThat(store.deleteProject("p")).isZero();
        }
    }

    /** Per-window state by key (issue 17): the writer's drift rows and the controller's batched schedule. */
    @Nested
    class PerWindowState {
        @Test
        void recordDriftSetsOnlyTheDriftFieldsAndLaterUpdatesKeepThem() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            ModelEndpoint other = TestData.endpoint("p1", "serving", "other");
            store.put(e);
            store.put(other);
            EndpointStore.DriftUpdate first = new EndpointStore.DriftUpdate("p1", e.uid(), ResultStatus.POTENTIAL_DETECTION,
                    Map.of("tvd_mean", 0.4), FeatureStats.empty());
            EndpointStore.DriftUpdate last = new EndpointStore.DriftUpdate("p1", e.uid(), ResultStatus.DETECTED,
                    Map.of("tvd_mean", 0.8, "hellinger_mean", 0.75), TestData.featureStats());
            EndpointStore.DriftUpdate gone = new EndpointStore.DriftUpdate("p1", "no-such-uid", ResultStatus.DETECTED,
                    Map.of(), FeatureStats.empty());
            store.recordDrift(List.of(first, gone, last)); // for one endpoint the last of the list wins
            assertThat(store.get("p1", e.uid())).contains(last.applyTo(e));
            assertThat(store.get("p1", "no-such-uid")).as("a drift update creates no endpoint").isEmpty();
            assertThat(store.get("p1", other.uid())).contains(other);
            ModelEndpoint counted = store.update("p1", e.uid(), x -> x.withStatus(x.status().toBuilder()
                    .errorCount(x.status().errorCount() + 3).build())).orElseThrow();
            assertThat(counted.status().driftStatus()).isEqualTo(ResultStatus.DETECTED);
            store = reopen(store);
            assertThat(store.get("p1", e.uid())).contains(counted);
            assertThat(store.list("p1", EndpointFilter.ALL)).contains(counted, other);
        }

        @Test
        void aPutReplacesRecordedDrift() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            store.recordDrift(List.of(new EndpointStore.DriftUpdate("p1", e.uid(), ResultStatus.DETECTED,
                    Map.of("tvd_mean", 0.8), TestData.featureStats())));
            store.put(e);
            store = reopen(store);
            assertThat(store.get("p1", e.uid())).contains(e);
        }

        @Test
        void schedulesAreWrittenInBatchesAndReadPerProject() throws Exception {
            ModelEndpoint a = TestData.endpoint("p1", "serving", "a");
            ModelEndpoint b = TestData.endpoint("p1", "serving", "b");
            List.of(a, b).forEach(store::put);
            store.setLastAnalyzed(List.of(new EndpointStore.Schedule("p1", a.uid(), "drift", T0),
                    new EndpointStore.Schedule("p1", a.uid(), "tests", T0.plusSeconds(600)),
                    new EndpointStore.Schedule("p1", b.uid(), "drift", T0.plusSeconds(60)),
                    new EndpointStore.Schedule("p2", a.uid(), "drift", T0.plusSeconds(1)),
                    new EndpointStore.Schedule("p1", b.uid(), "drift", T0.plusSeconds(1200))));
            store.setLastAnalyzed(List.of());
            store = reopen(store);
            assertThat(store.lastAnalyzedOfProject("p1")).isEqualTo(Map.of(
                    a.uid(), Map.of("drift", T0, "tests", T0.plusSeconds(600)),
                    b.uid(), Map.of("drift", T0.plusSeconds(1200))));
            assertThat(store.lastAnalyzed("p1", b.uid(), "drift")).contains(T0.plusSeconds(1200));
            assertThat(store.lastAnalyzedOfProject("p2")).isEqualTo(Map.of(a.uid(), Map.of("drift", T0.plusSeconds(1))));
            assertThat(store.lastAnalyzedOfProject("p3")).isEmpty();
            store.delete("p1", a.uid());
            assertThat(store.lastAnalyzedOfProject("p1")).containsOnlyKeys(b.uid());
        }
    }

    /**
     * The controller's reads (issue 17 point 4): every endpoint's small state per run, the records of a batch, and a
     * reference version that changes exactly when the labels, spec or reference statistics do.
     */
    @Nested
    class ControllerState {
        @Test
        void statesAreTheRecordsSmallStateOrderedByUidAndScopedToTheProject() throws Exception {
            ModelEndpoint a = TestData.endpoint("p1", "serving", "a");
            ModelEndpoint late = TestData.endpoint("p1", "serving", "b");
            late = late.withStatus(late.status().withLate(2, List.of(T0)));
            ModelEndpoint disabled = TestData.bareEndpoint("p1", "serving", "c");
            disabled = new ModelEndpoint(disabled.metadata(), disabled.spec().toBuilder().active(false).build(),
                    disabled.status());
            List.of(a, late, disabled, TestData.endpoint("p2", "serving", "a")).forEach(store::put);
            store = reopen(store);
            List<EndpointState> states = store.states("p1");
            List<ModelEndpoint> expected = Stream.of(a, late, disabled)
                    .sorted(java.util.Comparator.comparing(ModelEndpoint::uid)).toList();
            assertThat(states).extracting(EndpointState::uid).containsExactlyElementsOf(
                    expected.stream().map(ModelEndpoint::uid).toList());
            for (int i = 0; i < expected.size(); i++) {
                ModelEndpoint e = expected.get(i);
                assertThat(states.get(i)).as(e.spec().model()).isEqualTo(
                        EndpointState.of(e, states.get(i).referenceVersion()));
                assertThat(states.get(i).referenceVersion()).isNotBlank();
            }
            assertThat(states).filteredOn(EndpointState::monitored).extracting(EndpointState::uid)
                    .containsExactlyInAnyOrder(a.uid(), late.uid());
            assertThat(states).filteredOn(EndpointState::pendingLate).extracting(EndpointState::uid)
                    .containsExactly(late.uid());
            assertThat(store.states("p3")).isEmpty();
        }

        @Test
        void theReferenceVersionChangesWithLabelsSpecAndStatisticsOnly() throws Exception {
            ModelEndpoint e = TestData.endpoint("p1", "serving", "churn");
            store.put(e);
            String v0 = version(e);
            store.update("p1", e.uid(), x -> TestData.withRequests(x, T0, T0.plusSeconds(7200)).withStatus(
                    TestData.withRequests(x, T0, T0.plusSeconds(7200)).status().toBuilder().errorCount(99).build()));
            store.recordDrift(List.of(new EndpointStore.DriftUpdate("p1", e.uid(), ResultStatus.DETECTED,
                    Map.of("tvd_mean", 0.9), FeatureStats.empty())));
            assertThat(version(e)).as("counters, request times and drift keep the version").isEqualTo(v0);
            assertThat(store.states("p1").getFirst().lastRequest()).isEqualTo(T0.plusSeconds(7200));
            store.update("p1", e.uid(), x -> x.withStatus(x.status().toBuilder().featureStats(
                    FeatureStats.of(Map.of("x", TestData.featureStats().columns().get("x")))).build()));
            String v1 = version(e);
            assertThat(v1).as("new reference statistics").isNotEqualTo(v0);
            store.update("p1", e.uid(), x -> TestData.withLabels(x, Map.of("team", "other")));
            String v2 = version(e);
            assertThat(v2).as("new labels").isNotIn(v0, v1);
            store.update("p1", e.uid(), x -> new ModelEndpoint(x.metadata(),
                    x.spec().toBuilder().featureNames(List.of("x")).build(), x.status()));
            String v3 = version(e);
            assertThat(v3).as("new spec").isNotIn(v0, v1, v2);
            store = reopen(store);
            assertThat(version(e)).isEqualTo(v3);
        }

        @Test
        void getAllReadsTheRecordsOfTheUidsThatExist() throws Exception {
            ModelEndpoint a = TestData.endpoint("p1", "serving", "a");
            ModelEndpoint b = TestData.endpoint("p1", "serving", "b");
            List.of(a, b, TestData.endpoint("p2", "serving", "a")).forEach(store::put);
            store.recordDrift(List.of(new EndpointStore.DriftUpdate("p1", b.uid(), ResultStatus.DETECTED,
                    Map.of("tvd_mean", 0.9), FeatureStats.empty())));
            store = reopen(store);
            Map<String, ModelEndpoint> read = store.getAll("p1", List.of(b.uid(), "no-such-uid", a.uid()));
            assertThat(read).containsOnlyKeys(a.uid(), b.uid());
            assertThat(read.get(a.uid())).isEqualTo(a);
            assertThat(read.get(b.uid())).as("with its drift row").isEqualTo(store.get("p1", b.uid()).orElseThrow());
            assertThat(read.get(b.uid()).status().driftStatus()).isEqualTo(ResultStatus.DETECTED);
            assertThat(store.getAll("p1", List.of())).isEmpty();
            assertThat(store.getAll("p3", List.of(a.uid()))).isEmpty();
        }

        private String version(ModelEndpoint e) {
            return store.states(e.project()).stream().filter(s -> s.uid().equals(e.uid())).findFirst().orElseThrow()
                    .referenceVersion();
        }
    }
}
