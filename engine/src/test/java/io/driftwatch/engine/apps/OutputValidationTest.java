package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.AppOutput;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** extra_data made of plain JSON values passes without serialising; anything else is still judged by Jackson. */
class OutputValidationTest {
    private static AppOutput with(Map<String, Object> extra) {
        return AppOutput.of(new Result("r", 0.5, ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, extra));
    }

    @Test
    void plainValuesPassAndOthersAreLeftToJackson() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("tests", Map.of("ks", Map.of("p_value", 0.3, "status", 0)));
        List<Object> list = new ArrayList<>(List.of("a", 1L, 2.5f, true, new BigDecimal("1.5")));
        list.add(null);
        nested.put("list", list);
        nested.put("nan", Double.NaN);
        assertThat(OutputValidation.plainJson(nested, 0)).isTrue();
        assertThat(OutputValidation.problem(with(nested))).isNull();

        Map<String, Object> chars = Map.of("c", 'x', "a", new int[] {1, 2}); // Jackson writes these, the walk asks it
        assertThat(OutputValidation.plainJson(chars, 0)).isFalse();
        assertThat(OutputValidation.problem(with(chars))).isNull();
        Map<String, Object> time = Map.of("when", java.time.Duration.ofSeconds(3)); // no java.time module
        assertThat(OutputValidation.plainJson(time, 0)).isFalse();
        assertThat(OutputValidation.problem(with(time))).contains("not JSON-serialisable");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThat(OutputValidation.plainJson(Map.of("m", nullKey), 0)).isFalse();
        assertThat(OutputValidation.problem(with(Map.of("m", nullKey)))).contains("not JSON-serialisable");
        assertThat(OutputValidation.problem(with(Map.of("o", new Object())))).contains("not JSON-serialisable");
        Object deep = 1;
        for (int i = 0; i < 100; i++) {
            deep = List.of(deep);
        }
        assertThat(OutputValidation.plainJson(deep, 0)).isFalse();
        assertThat(OutputValidation.problem(with(Map.of("deep", deep)))).isNull();
    }
}
