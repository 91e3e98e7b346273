package io.driftwatch.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValuesTest {
    static final List<String> NAMES = List.of("f0", "f1", "label");

    @Test
    void behavesAsTheOrderedMapOfItsColumns() {
        RowValues row = RowValues.of(NAMES, new Object[]{1.5, null, "cat"});
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("f0", 1.5);
        expected.put("f1", null);
        expected.put("label", "cat");
        assertThat(row).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(row);
        assertThat(row.keySet()).containsExactly("f0", "f1", "label");
        assertThat(row.values()).containsExactly(1.5, null, "cat");
        assertThat(row.get("label")).isEqualTo("cat");
        assertThat(row.get("f1")).isNull();
        assertThat(row.containsKey("f1")).isTrue();
        assertThat(row.containsKey("f9")).isFalse();
        assertThat(row.get("f9")).isNull();
        assertThat(row.valueAt(0)).isEqualTo(1.5);
        assertThat(row.names()).isSameAs(NAMES);
        assertThat(row.toString()).isEqualTo(expected.toString());
    }

    @Test
    void isImmutableAndChecksItsShape() {
        RowValues row = RowValues.of(NAMES, new Object[]{1.0, 2.0, 3.0});
        assertThatThrownBy(() -> row.put("f0", 9.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.entrySet().iterator().next().setValue(9.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> RowValues.of(NAMES, new Object[]{1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 column names for 1 values");
        assertThat(RowValues.distinct(NAMES)).isTrue();
        assertThat(RowValues.distinct(List.of("a", "b", "a"))).isFalse();
    }
}
