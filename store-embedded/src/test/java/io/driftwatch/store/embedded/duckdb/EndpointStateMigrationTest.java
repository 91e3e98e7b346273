package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.testkit.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schema version 5 (issue 17): a database of version 4, whose endpoints have only their JSON record, opens with the
 * controller's small state columns filled from the JSON, and its records keep that reference version until their
 * reference changes.
 */
class EndpointStateMigrationTest {
    @Test
    void endpointsOfAVersion4DatabaseGetTheirStateFromTheirJson() throws Exception {
        Path dir = DuckStores.newDir();
        ModelEndpoint late = TestData.endpoint("p", "serving", "late");
        late = late.withStatus(late.status().withLate(1, List.of(TestData.T0)));
        ModelEndpoint off = TestData.endpoint("p", "serving", "off");
        off = new ModelEndpoint(off.metadata(), off.spec().toBuilder().monitoringMode(MonitoringMode.DISABLED)
                .active(false).build(), off.status());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(EmbeddedStores.DATABASE_FILE))) {
            SchemaMigrations.migrate(c, Schema.DDL, Schema.MIGRATIONS.subList(0, 3), DuckStores.CLOCK);
            assertThat(SchemaMigrations.version(c)).isEqualTo(4);
            for (ModelEndpoint e : List.of(late, off)) {
                insertVersion4Row(c, e);
            }
        }
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            EndpointStore store = stores.endpoints();
            Map<String, EndpointState> states = byUid(store.states("p"));
            assertThat(states.get(late.uid())).isEqualTo(EndpointState.of(late,
                    states.get(late.uid()).referenceVersion()));
            assertThat(states.get(off.uid())).isEqualTo(EndpointState.of(off, states.get(off.uid()).referenceVersion()));
            assertThat(states.get(late.uid()).monitored()).isTrue();
            assertThat(states.get(off.uid()).monitored()).isFalse();
            String migrated = states.get(late.uid()).referenceVersion();
            assertThat(migrated).hasSize(32).isNotEqualTo(states.get(off.uid()).referenceVersion());
            store.update("p", late.uid(), e -> TestData.withRequests(e, TestData.T0, Instant.parse("2030-01-01T00:00:00Z")));
            assertThat(byUid(store.states("p")).get(late.uid()).referenceVersion()).isEqualTo(migrated);
            store.update("p", late.uid(), e -> e.withStatus(e.status().toBuilder().featureStats(FeatureStats.empty())
                    .build()));
            assertThat(byUid(store.states("p")).get(late.uid()).referenceVersion()).isNotEqualTo(migrated);
            assertThat(store.get("p", off.uid())).contains(off);
        }
    }

    private static void insertVersion4Row(Connection c, ModelEndpoint e) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoints VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " make_timestamp(?::BIGINT), make_timestamp(?::BIGINT), ?, make_timestamp(?::BIGINT))")) {
            ps.setString(1, e.project());
            ps.setString(2, e.uid());
            ps.setString(3, e.spec().model());
            ps.setString(4, e.spec().functionUri());
            ps.setString(5, "serving");
            ps.setString(6, "serving");
            ps.setString(7, EndpointJson.labelsJson(e.metadata().labels()));
            Sql.setTime(ps, 8, e.status().firstRequest());
            Sql.setTime(ps, 9, e.status().lastRequest());
            ps.setString(10, EndpointJson.write(e));
            Sql.setTime(ps, 11, TestData.T0);
            ps.executeUpdate();
        }
    }

    private static Map<String, EndpointState> byUid(List<EndpointState> states) {
        return states.stream().collect(java.util.stream.Collectors.toMap(EndpointState::uid, s -> s));
    }
}
