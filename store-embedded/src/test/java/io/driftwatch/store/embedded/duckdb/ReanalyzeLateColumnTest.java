package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A database made before {@code reanalyze_late} existed gets the column (false) when it is opened. */
class ReanalyzeLateColumnTest {
    @Test
    void settingsOfAnOlderDatabaseReadWithoutReanalysisAndCanTurnItOn() throws Exception {
        Path dir = DuckStores.newDir();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(EmbeddedStores.DATABASE_FILE));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE monitoring_settings (project VARCHAR PRIMARY KEY, enabled BOOLEAN NOT NULL,"
                    + " base_period VARCHAR NOT NULL, base_period_seconds DOUBLE NOT NULL, credentials VARCHAR NOT NULL,"
                    + " updated TIMESTAMP NOT NULL)");
            s.execute("INSERT INTO monitoring_settings VALUES ('p', true, 'PT10M', 600, '{}', now())");
        }
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            MonitoringSettings old = stores.projects().monitoringSettings("p").orElseThrow();
            assertThat(old.enabled()).isTrue();
            assertThat(old.reanalyzeLate()).isFalse();
            stores.projects().putMonitoringSettings(old.withReanalyzeLate(true));
        }
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            assertThat(stores.projects().monitoringSettings("p").orElseThrow().reanalyzeLate()).isTrue();
        }
    }
}
