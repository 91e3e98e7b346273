package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controller's endpoint records by reference version: read once, again only when the reference changed. */
class RecordCacheTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final List<List<Object>> reads = new ArrayList<>();
    private final EndpointStore store = counting(MemoryStores.endpointStore());

    @Test
    void aRecordIsReadAgainOnlyWhenItsReferenceChangesOrItHasLateTimesPending() {
        RecordCache cache = new RecordCache(100);
        store.put(endpoint("a", 1.0));
        store.put(endpoint("b", 1.0));
        Map<String, ModelEndpoint> first = cache.records("p", store.states("p"), store);
        assertThat(first).containsOnlyKeys("a", "b");
        assertThat(first.get("a").status().featureStats()).as("equal references kept once")
                .isSameAs(first.get("b").status().featureStats());
        assertThat(reads).hasSize(1);

        store.update("p", "a", e -> e.withStatus(e.status().toBuilder().lastRequest(T0.plusSeconds(900))
                .errorCount(5).build()));
        Map<String, ModelEndpoint> second = cache.records("p", store.states("p"), store);
        assertThat(reads).as("counters and request times keep the reference version").hasSize(1);
        assertThat(second.get("a").status().lastRequest()).as("from the state").isEqualTo(T0.plusSeconds(900));
        assertThat(cache.hits()).isEqualTo(2);

        store.update("p", "b", e -> e.withStatus(e.status().toBuilder().featureStats(reference(2.0)).build()));
        store.update("p", "a", e -> e.withStatus(e.status().withLate(1, List.of(T0))));
        Map<String, ModelEndpoint> third = cache.records("p", store.states("p"), store);
        assertThat(reads.getLast()).as("b's reference changed, a has late times pending")
                .containsExactlyInAnyOrder((Object) "a", "b");
        assertThat(third.get("b").status().featureStats()).isEqualTo(reference(2.0));
        assertThat(third.get("a").status().pendingLate()).containsExactly(T0);
    }

    @Test
    void aCacheOfCapacityZeroReadsEveryTimeAndGoneRecordsAreAbsent() {
        RecordCache cache = new RecordCache(0);
        store.put(endpoint("a", 1.0));
        List<EndpointState> states = store.states("p");
        cache.records("p", states, store);
        cache.records("p", states, store);
        assertThat(reads).hasSize(2);
        store.delete("p", "a");
        assertThat(cache.records("p", states, store)).isEmpty();
    }

    private static ModelEndpoint endpoint(String uid, double scale) {
        var spec = ModelEndpoint.Spec.builder().functionUri("p/serving").model("m").featureNames(List.of("x"))
                .monitoringMode(MonitoringMode.ENABLED).active(true).build();
        var status = ModelEndpoint.Status.builder().featureStats(reference(scale)).firstRequest(T0)
                .lastRequest(T0.plusSeconds(600)).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata("p", uid, Map.of()), spec, status);
    }

    private static FeatureStats reference(double scale) {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * scale;
        }
        return Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(v)))).stats();
    }

    /** The store, recording the uids of each {@link EndpointStore#getAll} call. */
    private EndpointStore counting(EndpointStore inner) {
        return (EndpointStore) java.lang.reflect.Proxy.newProxyInstance(EndpointStore.class.getClassLoader(),
                new Class<?>[] {EndpointStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getAll")) {
                        reads.add(List.copyOf((Collection<?>) args[1]));
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
