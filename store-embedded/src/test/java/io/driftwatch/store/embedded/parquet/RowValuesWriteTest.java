package io.driftwatch.store.embedded.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.RowValues;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows over shared column lists (the stream processor's) are written as the same rows given as maps. */
class RowValuesWriteTest {
    static final Instant T = Instant.parse("2025-01-02T03:00:00Z");
    static final List<String> NAMES = List.of("x", "n", "flag", "kind", "p0");

    @TempDir
    Path dir;

    static Object[] values(int i) {
        return new Object[]{i * 0.5, i % 3 == 0 ? null : (double) i, i % 2 == 0, i % 4 == 0 ? null : "k" + (i % 3),
                (double) (i % 2)};
    }

    static SampleRow row(int i, Map<String, Object> values) {
        return new SampleRow("proj", "u1", T.plusSeconds(i), "r" + i, 100 + i, values, Map.of("env", "prod"));
    }

    static Map<String, Object> asMap(Object[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(NAMES.get(i), v[i]);
        }
        return m;
    }

    List<List<Object>> written(List<SampleRow> rows, String name) {
        try (ParquetSamples s = ParquetSamples.open(dir.resolve(name))) {
            s.write(rows, 10);
            SampleFrame f = s.read("proj", "u1", new Window(T, T.plusSeconds(3600)));
            List<List<Object>> out = new ArrayList<>();
            out.add(new ArrayList<>(f.columnNames()));
            for (String c : f.columnNames()) {
                out.add(new ArrayList<>(f.values(c)));
            }
            out.add(List.copyOf(f.timestamps()));
            return out;
        }
    }

    @Test
    void sharedColumnRowsEqualMapRows() {
        List<SampleRow> shared = new ArrayList<>();
        List<SampleRow> maps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            shared.add(row(i, RowValues.of(NAMES, values(i))));
            maps.add(row(i, asMap(values(i))));
        }
        List<List<Object>> a = written(shared, "shared");
        assertThat(a.getFirst()).containsExactly("x", "n", "flag", "kind", "p0");
        assertThat(a).isEqualTo(written(maps, "maps"));
    }

    @Test
    void mixedColumnListsFallBackToNames() {
        List<String> reordered = List.of("p0", "kind", "flag", "n", "x");
        List<SampleRow> mixed = new ArrayList<>();
        List<SampleRow> maps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Object[] v = values(i);
            Object[] r = {v[4], v[3], v[2], v[1], v[0]};
            mixed.add(row(i, i % 2 == 0 ? RowValues.of(NAMES, v) : RowValues.of(reordered, r)));
            maps.add(row(i, asMap(v)));
        }
        assertThat(written(mixed, "mixed")).isEqualTo(written(maps, "maps"));
    }

    @Test
    void aSharedColumnNamedLikeMetadataIsRejected() {
        List<String> names = List.of("x", "latency");
        try (ParquetSamples s = ParquetSamples.open(dir)) {
            assertThatThrownBy(() -> s.write(List.of(row(0, RowValues.of(names, new Object[]{1.0, 2.0}))), 1))
                    .hasMessageContaining("'latency' clashes with a metadata column");
        }
    }
}
