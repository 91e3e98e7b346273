package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database at schema version 1 with history is upgraded on open: version 2's latest rows come from it. */
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
                }
            }
            try (SqlStores stores = server.open(name, Clock.systemUTC())) {
                List<AppResult> latest = stores.timeSeries().latestAppResults("p", "u");
                assertThat(latest).extracting(AppResult::name, AppResult::value)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("hel", 0.4),
                                org.assertj.core.groups.Tuple.tuple("tvd", 0.3));
            }
            assertThat(SqlStoresITRows.versions(server, name)).containsExactly("1", "2", "3", "4");
        } finally {
            server.drop(name);
        }
    }
}
