package io.driftwatch.store.embedded.frames;

import io.driftwatch.stats.CategoricalColumn;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameReaderTest {
    @Test
    void readsCsvAndParquetThroughDuckDb() throws Exception {
        Path dir = Files.createTempDirectory("frame");
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "i,d,s,b,dec\n1,1.5,x,true,1.25\n,NaN,,false,\n3,inf,z,,2.50\n");
        Frame c = FrameReader.csv(csv);
        assertThat(c.rows()).isEqualTo(3);
        NumericColumn i = (NumericColumn) c.column("i").orElseThrow();
        assertThat(i.isNull(1)).isTrue();
        assertThat(i.value(2)).isEqualTo(3);
        NumericColumn d = (NumericColumn) c.column("d").orElseThrow();
        assertThat(d.isNull(1)).isFalse();
        assertThat(d.value(1)).isNaN();
        assertThat(d.value(2)).isInfinite();
        assertThat(c.column("s").orElseThrow()).isEqualTo(CategoricalColumn.of("x", null, "z"));
        assertThat(((CategoricalColumn) c.column("b").orElseThrow()).isBoolean()).isTrue();
        assertThat(c.column("dec").orElseThrow()).isInstanceOf(NumericColumn.class);

        Path parquet = dir.resolve("t.parquet");
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement st = conn.createStatement()) {
            st.execute("COPY (SELECT range AS id, range * 0.5 AS x, CASE WHEN range % 2 = 0 THEN 'even' END AS s "
                    + "FROM range(3000)) TO '" + parquet + "' (FORMAT parquet)");
        }
        Frame p = FrameReader.parquet(parquet);
        assertThat(p.rows()).isEqualTo(3000);
        assertThat(((NumericColumn) p.column("x").orElseThrow()).value(2999)).isEqualTo(1499.5);
        assertThat(p.column("s").orElseThrow().nullCount()).isEqualTo(1500);
        assertThatThrownBy(() -> FrameReader.csv(dir.resolve("missing.csv")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.csv");
        assertThat(Arrays.stream(dir.toFile().listFiles()).allMatch(File::delete)).isTrue();
    }
}
