package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.store.embedded.DuckSettings;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The embedded stores' DuckDB instances run each statement on its calling thread ({@link DuckSettings}). */
class DuckSettingsTest {
    @Test
    void theDatabaseFileIsOpenedWithOneThread() throws Exception {
        try (EmbeddedStores stores = DuckStores.open(DuckStores.newDir())) {
            DuckDatabase db = (DuckDatabase) stores;
            String threads = db.read("read the threads setting", c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('threads')")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(threads).isEqualTo("1");
        }
    }

    @Test
    void theDatabaseFileCheckpointsAt256MegabytesOfLog() throws Exception {
        try (EmbeddedStores stores = DuckStores.open(DuckStores.newDir())) {
            DuckDatabase db = (DuckDatabase) stores;
            String threshold = db.read("read the checkpoint threshold", c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT current_setting('checkpoint_threshold')")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            // DuckDB reports sizes in its own units (256MB = 244.1 MiB)
            assertThat(threshold).isIn("256.0 MB", "244.1 MiB", "256MB");
        }
    }
}
