package io.driftwatch.stats;

import org.junit.jupiter.api.Test;

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
}
