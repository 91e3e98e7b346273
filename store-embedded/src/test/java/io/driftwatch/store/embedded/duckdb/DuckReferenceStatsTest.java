package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.testkit.TestData;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 7: reference statistics stored once per distinct content ({@link ReferenceStats}), read back into
 * every record, parsed once per hash, and deleted when no endpoint references them any more.
 */
class DuckReferenceStatsTest {
    private static final FeatureStats OTHER = FeatureStats.of(Map.of("x", TestData.featureStats().columns().get("x")));
    private Path dir;
    private DuckDatabase db;
    private EndpointStore store;

    @BeforeEach
    void open() throws Exception {
        dir = DuckStores.newDir();
        db = (DuckDatabase) DuckStores.open(dir);
        store = db.endpoints();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aThousandEndpointsOfOneModelKeepOneRowAndReadBackEqual() {
        List<ModelEndpoint> all = IntStream.range(0, 1000).mapToObj(i -> endpoint("p", i)).toList();
        db.processorSink().apply(all, List.of(), List.of(), 1);
        assertThat(rows()).as("one row for one content").hasSize(1);
        assertThat(count("SELECT count(*) FROM endpoints WHERE stats_hash IS NOT NULL")).isEqualTo(1000);
        assertThat(count("SELECT max(length(record)) FROM endpoints")).as("records without their statistics")
                .isLessThan(EndpointJson.write(all.getFirst()).length());
        reopen();
        Map<String, ModelEndpoint> byUid = all.stream().collect(Collectors.toMap(ModelEndpoint::uid,
                Function.identity()));
        assertThat(store.getAll("p", byUid.keySet())).isEqualTo(byUid);
        assertThat(store.list("p", EndpointFilter.ALL)).isEqualTo(all.stream()
                .sorted(Comparator.comparing(ModelEndpoint::uid)).toList());
        assertThat(store.get("p", all.get(7).uid())).contains(all.get(7));
        assertThat(db.referenceStats().parses.get()).as("parsed once for 2,001 records").isEqualTo(1);
    }

    @Test
    void changedStatisticsAddARowAndTheOrphanGoesWithItsLastEndpoint() {
        ModelEndpoint a = endpoint("p", 1);
        ModelEndpoint b = endpoint("p", 2);
        store.put(a);
        store.put(b);
        List<String> shared = rows();
        store.update("p", a.uid(), e -> TestData.withFeatureStats(e, OTHER));
        assertThat(rows()).as("b still uses the first").hasSize(2).containsAll(shared);
        assertThat(store.get("p", a.uid())).contains(TestData.withFeatureStats(a, OTHER));
        store.update("p", b.uid(), e -> TestData.withFeatureStats(e, OTHER));
        assertThat(rows()).as("the first lost its last endpoint").hasSize(1).doesNotContainAnyElementsOf(shared);
        store.put(TestData.withFeatureStats(b, TestData.featureStats()));
        assertThat(rows()).hasSize(2);
        store.delete("p", b.uid());
        assertThat(rows()).hasSize(1).doesNotContainAnyElementsOf(shared);
        store.put(TestData.withFeatureStats(a, FeatureStats.empty()));
        assertThat(rows()).as("empty statistics are stored inline (none)").isEmpty();
        assertThat(store.get("p", a.uid())).contains(TestData.withFeatureStats(a, FeatureStats.empty()));
        store.put(endpoint("q", 1));
        store.put(endpoint("q", 2));
        assertThat(store.deleteProject("q")).isEqualTo(2);
        assertThat(rows()).as("project deletion").isEmpty();
    }

    @Test
    void statisticsDeletedAndPutAgainInOneTransactionAreKept() {
        ModelEndpoint a = endpoint("p", 1);
        store.put(a);
        store.writeTogether("p", () -> {
            store.update("p", a.uid(), e -> TestData.withFeatureStats(e, OTHER));
            store.update("p", a.uid(), e -> TestData.withFeatureStats(e, TestData.featureStats()));
            return null;
        });
        assertThat(rows()).hasSize(1);
        reopen();
        assertThat(store.get("p", a.uid())).contains(a);
    }

    @Test
    void rowsWrittenBeforeVersion7ReadAsBefore() {
        ModelEndpoint old = endpoint("p", 1);
        ModelEndpoint current = endpoint("p", 2);
        store.put(current);
        db.write("insert an old row", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoints (project, uid, labels, record,"
                    + " updated, reference_version) VALUES (?, ?, '{}', ?, now(), 'v')")) {
                ps.setString(1, "p");
                ps.setString(2, old.uid());
                ps.setString(3, EndpointJson.write(old));
                return ps.executeUpdate();
            }
        });
        reopen();
        assertThat(store.get("p", old.uid())).contains(old);
        assertThat(store.getAll("p", List.of(old.uid(), current.uid()))).isEqualTo(Map.of(old.uid(), old,
                current.uid(), current));
        store.update("p", old.uid(), e -> e);
        assertThat(count("SELECT count(*) FROM endpoints WHERE stats_hash IS NULL")).as("moved on its next write")
                .isZero();
        assertThat(rows()).hasSize(1);
        assertThat(store.get("p", old.uid())).contains(old);
    }

    private void reopen() {
        db.close();
        db = (DuckDatabase) DuckStores.open(dir);
        store = db.endpoints();
    }

    private static ModelEndpoint endpoint(String project, int i) {
        ModelEndpoint e = TestData.endpoint(project, "serving", "churn");
        String uid = EndpointId.of(project, project + "/serving-" + i, "churn", null);
        return new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, e.metadata().labels()), e.spec(),
                e.status());
    }

    private List<String> rows() {
        return db.read("reference_stats", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM reference_stats ORDER BY hash");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private long count(String sql) {
        return db.read(sql, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
