package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database at schema version 1 with history is upgraded on open: version 2's latest rows come from it, version 5's
 * endpoint state columns from the endpoints' JSON; version 6 leaves the latest tables with their primary key only
 * (and, on PostgreSQL, fillfactor 70 and lz4 on the large JSON columns); version 7 leaves endpoints with one index
 * starting with project, its primary key; version 8 adds {@code reference_stats} and {@code endpoints.stats_hash}
 * (NULL for the rows written before, which keep their statistics inline); version 9 adds
 * {@code app_results_latest.extra_seq} and {@code endpoint_drift.stats_seq}, unindexed, NULL in the rows before.
 */
class SqlMigrationIT {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void openingAVersion1DatabaseMigratesItAndFillsTheLatestRowsFromTheHistory(TestDatabase server)
            throws Exception {
        String name = server.create();
        try {
            try (Connection c = server.connect(name)) {
                String url = c.getMetaData().getURL();
                Flyway.configure().dataSource(url, server == TestDatabase.POSTGRESQL ? "postgres" : "root", null)
                        .locations(Target.of(server.uri(name)).dialect().migrations()).target("1").load().migrate();
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO app_results (project, uid, application, window_start, window_end, name, "
                            + "value, kind, status, extra_data) VALUES "
                            + "('p', 'u', 'drift', '2030-01-01 00:00:00', '2030-01-01 00:10:00', 'tvd', 0.1, 0, 0, '{}'),"
                            + "('p', 'u', 'drift', '2030-01-01 00:10:00', '2030-01-01 00:20:00', 'tvd', 0.2, 0, 1, '{}'),"
                            + "('p', 'u', 'drift', '2030-01-01 00:10:00', '2030-01-01 00:20:00', 'tvd', 0.3, 0, 2, '{}'),"
                            + "('p', 'u', 'drift', '2030-01-01 00:00:00', '2030-01-01 00:10:00', 'hel', 0.4, 0, 0, '{}')");
                    s.execute("INSERT INTO endpoints (project, uid, labels, first_request, last_request, error_count,"
                            + " late_rows, pending_late, metrics, spec, feature_stats, updated) VALUES "
                            + "('p', 'on', '{}', '2030-01-01 00:00:00', '2030-01-01 01:00:00', 0, 1,"
                            + " '[\"2030-01-01T00:05:00Z\"]', '{}', '{\"monitoring_mode\": \"enabled\", \"active\": true}',"
                            + " '{}', '2030-01-01 01:00:00'),"
                            + "('p', 'off', '{}', NULL, NULL, 0, 0, '[]', '{}', '{\"active\": false}', '{}',"
                            + " '2030-01-01 01:00:00')");
                }
            }
            try (SqlStores stores = server.open(name, Clock.systemUTC())) {
                List<AppResult> latest = stores.timeSeries().latestAppResults("p", "u");
                assertThat(latest).extracting(AppResult::name, AppResult::value)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("hel", 0.4),
                                org.assertj.core.groups.Tuple.tuple("tvd", 0.3));
                // version 5: the controller's small state of the endpoints written before, from their JSON
                List<EndpointState> states = stores.endpoints().states("p");
                assertThat(states).extracting(EndpointState::uid, EndpointState::monitored, EndpointState::pendingLate,
                        EndpointState::lastRequest).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("off", false, false, null),
                                org.assertj.core.groups.Tuple.tuple("on", true, true,
                                        java.time.Instant.parse("2030-01-01T01:00:00Z")));
                assertThat(states.get(0).referenceVersion()).isNotBlank()
                        .isNotEqualTo(states.get(1).referenceVersion());
            }
            assertThat(SqlStoresITRows.versions(server, name)).containsExactly("1", "2", "3", "4", "5", "6", "7",
                    "8", "9");
            // version 6: the latest tables keep only their primary key (the per-window upsert changes no index) ...
            assertThat(SqlStoresITRows.indexes(server, name, "app_results_latest")).hasSize(1)
                    .allMatch(i -> i.contains("pk") || i.equals("primary"));
            assertThat(SqlStoresITRows.indexes(server, name, "app_metrics_latest")).hasSize(1)
                    .allMatch(i -> i.contains("pk") || i.equals("primary"));
            // version 7: no secondary index of endpoints starts with project (a key lookup can take only the key)
            assertThat(SqlStoresITRows.leadingColumns(server, name, "endpoints")).filteredOn(i -> i.endsWith(":project"))
                    .hasSize(1).allMatch(i -> i.contains("pk") || i.startsWith("primary"));
            assertThat(SqlStoresITRows.leadingColumns(server, name, "endpoints"))
                    .contains("endpoints_model:model", "endpoints_function:function_name");
            // version 8: reference statistics apart, found by hash; the rows written before keep theirs inline
            assertThat(SqlStoresITRows.leadingColumns(server, name, "endpoints"))
                    .contains("endpoints_stats_hash:stats_hash");
            assertThat(SqlStoresITRows.scalar(server, name, "SELECT count(*) FROM reference_stats")).isEqualTo("0");
            assertThat(SqlStoresITRows.scalar(server, name,
                    "SELECT count(*) FROM endpoints WHERE stats_hash IS NULL")).isEqualTo("2");
            // version 9: references to the history rows, NULL in the rows written before (their copies inline);
            // current_stats may be NULL; neither new column is indexed (the keyed rows stay HOT-updatable)
            assertThat(SqlStoresITRows.scalar(server, name, "SELECT count(*) FROM app_results_latest WHERE"
                    + " extra_seq IS NULL AND extra_data IS NOT NULL")).isEqualTo("2");
            assertThat(SqlStoresITRows.scalar(server, name, "SELECT is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = '" + (server == TestDatabase.POSTGRESQL ? "public" : name) + "' AND"
                    + " table_name = 'endpoint_drift' AND column_name = 'current_stats'")).isEqualTo("YES");
            assertThat(SqlStoresITRows.scalar(server, name, "SELECT count(*) FROM information_schema.columns WHERE"
                    + " column_name IN ('extra_seq', 'stats_seq') AND table_schema = '"
                    + (server == TestDatabase.POSTGRESQL ? "public" : name) + "'")).isEqualTo("2");
            assertThat(SqlStoresITRows.indexes(server, name, "endpoint_drift")).hasSize(1)
                    .allMatch(i -> i.contains("pk") || i.equals("primary"));
            if (server == TestDatabase.POSTGRESQL) {
                // ... with room for HOT updates, and lz4 for the large JSON (PostgreSQL 15 with lz4 here)
                assertThat(SqlStoresITRows.scalar(server, name, "SELECT array_to_string(reloptions, ',') FROM pg_class"
                        + " WHERE relname = 'endpoint_drift'")).isEqualTo("fillfactor=70");
                assertThat(SqlStoresITRows.scalar(server, name, "SELECT attcompression FROM pg_attribute WHERE attrelid"
                        + " = 'app_results'::regclass AND attname = 'extra_data'")).isEqualTo("l");
            }
        } finally {
            server.drop(name);
        }
    }
}
