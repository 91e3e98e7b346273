package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample store's in-memory DuckDB also runs each statement on its calling thread (DuckSettings). */
class SampleDuckSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theInMemoryDatabaseIsOpenedWithOneThread() throws Exception {
        try (ParquetSamples samples = ParquetSamples.open(dir);
             DuckDBConnection c = ((ParquetSampleStore) samples).connection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1");
        }
    }
}
