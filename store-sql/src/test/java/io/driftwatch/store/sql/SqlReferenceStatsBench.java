package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measurement only, not part of the default test run (its name does not end in {@code IT}; no timing asserted); run it
 * with {@code ./mvnw -B verify -pl store-sql -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=SqlReferenceStatsBench}: {@code getAll} of 256 uids at a time over
 * 10,000 endpoints of one model with ~23 KB of reference statistics each, with the statistics in
 * {@code reference_stats} (schema version 8) and then inline in {@code feature_stats} as every row was before
 * version 8 (the same rows rewritten with {@code stats_hash} NULL; their read is main's: the JSON detoasted,
 * transferred and parsed per row). Prints ms per batch of each pass (a cold store, then a second pass).
 */
class SqlReferenceStatsBench {
    private static final int ENDPOINTS = 10_000;
    private static final int BATCH = 256;

    static FeatureStats largeStats() {
        Random r = new Random(17);
        Map<String, ColumnStats> cols = new LinkedHashMap<>();
        for (int c = 0; c < 8; c++) {
            double[] counts = new double[80];
            double[] edges = new double[81];
            for (int i = 0; i < 80; i++) {
                counts[i] = r.nextDouble();
                edges[i + 1] = edges[i] + r.nextDouble();
            }
            cols.put("feature_" + c, new NumericStats(1000, r.nextDouble(), r.nextDouble(), 0, 1, 2, 3, edges[80],
                    Histogram.of(counts, edges)));
        }
        return FeatureStats.of(cols);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void getAllPerBatchWithStatisticsApartAndInline(TestDatabase server) throws Exception {
        String name = server.create();
        try {
            FeatureStats stats = largeStats();
            System.out.printf("%s: statistics JSON %d bytes%n", server, EndpointJson.writeStats(stats).length());
            List<String> uids = fill(server, name, stats);
            measure(server, name, uids, "V8 (reference_stats)");
            try (Connection c = server.connect(name); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE endpoints SET feature_stats = (SELECT stats FROM reference_stats r"
                        + " WHERE r.hash = endpoints.stats_hash), stats_hash = NULL");
                s.execute(server == TestDatabase.POSTGRESQL ? "VACUUM ANALYZE endpoints" : "ANALYZE TABLE endpoints");
            }
            measure(server, name, uids, "inline (as before V8)");
        } finally {
            server.drop(name);
        }
    }

    private static List<String> fill(TestDatabase server, String name, FeatureStats stats) {
        List<String> uids = new ArrayList<>();
        try (SqlStores stores = server.open(name, Clock.systemUTC())) {
            EndpointStore endpoints = stores.endpoints();
            for (int from = 0; from < ENDPOINTS; from += 500) {
                int start = from;
                endpoints.writeTogether("p", () -> {
                    for (int i = start; i < start + 500; i++) {
                        ModelEndpoint e = SqlReferenceStatsIT.endpoint("p", i, stats);
                        endpoints.put(e);
                        uids.add(e.uid());
                    }
                    return null;
                });
            }
        }
        return uids;
    }

    private static void measure(TestDatabase server, String name, List<String> uids, String what) {
        try (SqlStores stores = server.open(name, Clock.systemUTC())) {
            for (int pass = 1; pass <= 2; pass++) {
                double[] ms = new double[(uids.size() + BATCH - 1) / BATCH];
                for (int b = 0; b < ms.length; b++) {
                    List<String> part = uids.subList(b * BATCH, Math.min(uids.size(), (b + 1) * BATCH));
                    long t = System.nanoTime();
                    assertThat(stores.endpoints().getAll("p", part)).hasSize(part.size());
                    ms[b] = (System.nanoTime() - t) / 1e6;
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                System.out.printf("%s %s pass %d: %d batches of %d, mean %.1f ms, median %.1f ms, max %.1f ms,"
                                + " total %.0f ms%n", server, what, pass, ms.length, BATCH,
                        Arrays.stream(ms).average().orElse(0), sorted[sorted.length / 2], sorted[sorted.length - 1],
                        Arrays.stream(ms).sum());
            }
        }
    }
}
