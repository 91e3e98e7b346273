package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.ReferenceVersion;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.testkit.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema version 8 on PostgreSQL and MariaDB: the reference statistics of the endpoints stored once per distinct
 * content in {@code reference_stats}, named by {@code endpoints.stats_hash}; read back equal, parsed once per hash;
 * rows no endpoint uses any more deleted with the endpoint's change or deletion; rows written before version 8
 * (statistics inline, no hash) read as before.
 */
class SqlReferenceStatsIT {
    private TestDatabase server;
    private String name;
    private SqlDatabase db;
    private EndpointStore endpoints;

    private void open(TestDatabase s) throws SQLException {
        server = s;
        name = s.create();
        db = (SqlDatabase) s.open(name, Clock.systemUTC());
        endpoints = db.endpoints();
    }

    @AfterEach
    void drop() throws SQLException {
        if (db != null) {
            db.close();
            server.drop(name);
        }
    }

    /** Statistics of one numeric column, different for each {@code seed}. */
    static FeatureStats stats(int seed) {
        return FeatureStats.of(Map.of("x", new NumericStats(100 + seed, 0.5, 0.25, -1, 0, 0.5, 1, 2,
                Histogram.of(new double[] {seed, 60, 30}, new double[] {-1, 0, 1, 2}))));
    }

    static ModelEndpoint endpoint(String project, int i, FeatureStats stats) {
        ModelEndpoint e = TestData.endpoint(project, "fn-" + i, "churn");
        return e.withStatus(e.status().toBuilder().featureStats(stats).build());
    }

    private static ModelEndpoint withStats(ModelEndpoint e, FeatureStats stats) {
        return e.withStatus(e.status().toBuilder().featureStats(stats).build());
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(SqlStoresITRows.scalar(server, name, sql));
    }

    private long statsRows() throws SQLException {
        return count("SELECT count(*) FROM reference_stats");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aThousandEndpointsOfOneModelShareOneRowAndReadBackEqualParsedOnce(TestDatabase s) throws Exception {
        open(s);
        FeatureStats shared = TestData.featureStats();
        List<ModelEndpoint> put = IntStream.range(0, 1000).mapToObj(i -> endpoint("p", i, shared)).toList();
        endpoints.writeTogether("p", () -> {
            put.subList(0, 500).forEach(endpoints::put);
            return null;
        });
        put.subList(500, 1000).forEach(endpoints::put);
        assertThat(statsRows()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM endpoints WHERE stats_hash = '"
                + ReferenceVersion.contentHash(EndpointJson.writeStats(shared)) + "'")).isEqualTo(1000);
        assertThat(count("SELECT count(*) FROM endpoints WHERE feature_stats <> '"
                + EndpointJson.writeStats(FeatureStats.empty()) + "'")).as("no statistics inline").isZero();

        Map<String, ModelEndpoint> expected = new LinkedHashMap<>();
        put.forEach(e -> expected.put(e.uid(), e));
        assertThat(endpoints.getAll("p", expected.keySet())).isEqualTo(expected);
        assertThat(endpoints.get("p", put.get(7).uid())).contains(put.get(7));
        assertThat(endpoints.list("p", EndpointFilter.ALL)).containsExactlyInAnyOrderElementsOf(put);
        assertThat(db.referenceStats().parses.get()).as("one parse for 1,000 records read 3 times").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void changedStatisticsAddARowAndTheOldOneGoesWithItsLastUser(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint a = endpoint("p", 1, stats(1));
        ModelEndpoint b = endpoint("p", 2, stats(1));
        endpoints.put(a);
        endpoints.put(b);
        assertThat(statsRows()).isEqualTo(1);

        endpoints.update("p", a.uid(), e -> withStats(e, stats(2)));
        assertThat(statsRows()).as("b still uses the first").isEqualTo(2);
        assertThat(endpoints.get("p", a.uid())).contains(withStats(a, stats(2)));
        assertThat(endpoints.get("p", b.uid())).contains(b);

        endpoints.put(withStats(b, stats(2)));
        assertThat(statsRows()).as("the first had no user left").isEqualTo(1);
        endpoints.put(withStats(b, stats(3)));
        assertThat(statsRows()).isEqualTo(2);

        assertThat(endpoints.delete("p", a.uid())).isTrue();
        assertThat(statsRows()).as("a was the last user of stats 2").isEqualTo(1);
        assertThat(endpoints.get("p", b.uid())).contains(withStats(b, stats(3)));
        assertThat(endpoints.delete("p", b.uid())).isTrue();
        assertThat(statsRows()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void projectDeletionRemovesTheRowsOnlyItUsed(TestDatabase s) throws Exception {
        open(s);
        endpoints.put(endpoint("p1", 1, stats(1)));
        endpoints.put(endpoint("p1", 2, stats(2)));
        ModelEndpoint other = endpoint("p2", 1, stats(2));
        endpoints.put(other);
        assertThat(statsRows()).isEqualTo(2);
        assertThat(endpoints.deleteProject("p1")).isEqualTo(2);
        assertThat(statsRows()).isEqualTo(1);
        assertThat(endpoints.get("p2", other.uid())).contains(other);
        endpoints.deleteProject("p2");
        assertThat(statsRows()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void emptyStatisticsHaveNoHashAndNoRow(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint bare = TestData.bareEndpoint("p", "fn", "m");
        endpoints.put(bare);
        assertThat(statsRows()).isZero();
        assertThat(count("SELECT count(*) FROM endpoints WHERE stats_hash IS NULL")).isEqualTo(1);
        assertThat(endpoints.get("p", bare.uid())).contains(bare);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRowWrittenBeforeVersion8ReadsAsBeforeAndMovesOutWhenItsStatisticsChange(TestDatabase s) throws Exception {
        open(s);
        ModelEndpoint old = endpoint("p", 1, stats(1));
        endpoints.put(old);
        try (Connection c = server.connect(name); PreparedStatement ps = c.prepareStatement(
                "UPDATE endpoints SET feature_stats = ?, stats_hash = NULL")) {
            ps.setString(1, EndpointJson.writeStats(stats(1)));
            ps.executeUpdate();
            c.createStatement().executeUpdate("DELETE FROM reference_stats");
        }
        assertThat(endpoints.get("p", old.uid())).contains(old);
        assertThat(endpoints.getAll("p", List.of(old.uid()))).containsEntry(old.uid(), old);
        ModelEndpoint later = TestData.withRequests(old, TestData.T0, TestData.T0.plusSeconds(7200));
        endpoints.update("p", old.uid(), e -> later);
        assertThat(count("SELECT count(*) FROM endpoints WHERE stats_hash IS NULL")).as("statistics unchanged: kept")
                .isEqualTo(1);
        assertThat(endpoints.get("p", old.uid())).contains(later);
        endpoints.update("p", old.uid(), e -> withStats(e, stats(2)));
        assertThat(statsRows()).isEqualTo(1);
        assertThat(endpoints.get("p", old.uid())).contains(withStats(later, stats(2)));
        assertThat(db.referenceStats().parses.get()).isEqualTo(1);
    }

    /**
     * Two writers add and remove users of the same statistics at once: a writer adding a user while the other
     * deletes the last one must never leave an endpoint whose row is gone (its read would fail). Each operation is
     * retried on a transient failure as the callers do: none on PostgreSQL; on MariaDB a deadlock remains possible when
     * a writer re-creates statistics its deletion just removed while the other adds a user of them (see
     * {@link ReferenceStats}), so there it is counted and printed, not asserted.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentUsersOfOneStatisticsNeverLoseItsRow(TestDatabase s) throws Exception {
        open(s);
        FeatureStats shared = stats(5);
        java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        ModelEndpoint e = endpoint("p", writer * 1000 + i, shared);
                        retrying(retries, () -> endpoints.put(e));
                        assertThat(endpoints.get("p", e.uid())).contains(e);
                        retrying(retries, () -> endpoints.delete("p", e.uid()));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statsRows()).isZero();
        System.out.println(s + ": " + retries.get() + " transient failures retried in 400 writes");
        if (s == TestDatabase.POSTGRESQL) {
            assertThat(retries.get()).isZero();
        }
    }

    private static void retrying(java.util.concurrent.atomic.AtomicInteger retries, Runnable op) {
        for (int attempt = 1; ; attempt++) {
            try {
                op.run();
                return;
            } catch (SqlStoreException e) {
                if (!e.isTransient() || attempt == 5) {
                    throw e;
                }
                retries.incrementAndGet();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachDistinctHashOfARead(TestDatabase s) throws Exception {
        open(s);
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ModelEndpoint e = endpoint("p", i, stats(i % 3));
            endpoints.put(e);
            uids.add(e.uid());
        }
        assertThat(endpoints.getAll("p", uids)).hasSize(300);
        assertThat(db.referenceStats().parses.get()).as("3 hashes over two batches of 256").isEqualTo(3);
        assertThat(endpoints.getAll("p", uids).values()).extracting(e -> e.status().featureStats())
                .containsOnly(stats(0), stats(1), stats(2));
        assertThat(db.referenceStats().parses.get()).as("cached").isEqualTo(3);
    }
}
