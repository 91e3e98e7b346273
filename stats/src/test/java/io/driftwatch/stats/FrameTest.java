package io.driftwatch.stats;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameTest {
    @Test
    void fromMapsInfersPandasTypes() {
        Map<String, Object> r1 = new HashMap<>();
        r1.put("n", 1);
        r1.put("b", true);
        r1.put("s", "x");
        r1.put("mixed", 1);
        r1.put("nul", null);
        Map<String, Object> r2 = Map.of("n", 2.5, "b", false, "mixed", "y", "extra", 3L);
        Frame f = Frame.fromMaps(List.of(r1, r2));
        assertThat(f.rows()).isEqualTo(2);
        assertThat(f.column("n").orElseThrow()).isEqualTo(NumericColumn.of(1, 2.5));
        assertThat(((CategoricalColumn) f.column("b").orElseThrow()).isBoolean()).isTrue();
        CategoricalColumn s = (CategoricalColumn) f.column("s").orElseThrow();
        assertThat(s.value(1)).isNull();
        assertThat(s.nullCount()).isEqualTo(1);
        assertThat(f.column("mixed").orElseThrow()).isEqualTo(CategoricalColumn.of("1", "y"));
        assertThat(f.column("nul").orElseThrow()).isInstanceOf(NumericColumn.class);
        assertThat(f.column("nul").orElseThrow().nullCount()).isEqualTo(2);
        NumericColumn extra = (NumericColumn) f.column("extra").orElseThrow();
        assertThat(extra.isNull(0)).isTrue();
        assertThat(extra.value(1)).isEqualTo(3);
    }

    @Test
    void fromRowsAndValidation() {
        Frame f = Frame.fromRows(List.of("a", "b"), List.of(new Object[] {1, "u"}, new Object[] {null, null}));
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(((NumericColumn) f.column("a").orElseThrow()).isNull(1)).isTrue();
        assertThatThrownBy(() -> Frame.fromRows(List.of("a"), List.<Object[]>of(new Object[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
        assertThatThrownBy(() -> Frame.fromRows(List.of("a", "a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> Frame.of(Map.of("a", NumericColumn.of(1), "b", NumericColumn.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
    }

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
        assertThat(Arrays.stream(dir.toFile().listFiles()).allMatch(java.io.File::delete)).isTrue();
    }
}
