package io.driftwatch.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.CategoricalStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.json.FeatureStatsJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The writer's extra_data text equals the mapper's, byte for byte, for plain values and for any other value. */
class ExtraDataJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assertSameText(Map<String, Object> extra) throws Exception {
        assertThat(ExtraDataJson.write(JSON, extra)).isEqualTo(JSON.writeValueAsString(extra));
    }

    @Test
    void plainValuesAreWrittenAsTheMapperWritesThem() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nan", Double.NaN);
        extra.put("inf", Double.NEGATIVE_INFINITY);
        extra.put("tiny", 4.9e-324);
        extra.put("float", 0.1f);
        extra.put("int", -7);
        extra.put("long", Long.MAX_VALUE);
        extra.put("null", null);
        extra.put("text", "a \"quoted\" \\ \u00e9\u2028 \n\t\u0001 text");
        extra.put("bool", true);
        extra.put("empty", Map.of());
        extra.put("list", new ArrayList<>(Arrays.asList(1.5, null, "x", List.of(), List.of(List.of(2L)))));
        extra.put("sorted", new TreeMap<>(Map.of("b", 1, "a", 2)));
        extra.put("hashed", new HashMap<>(Map.of("k1", 1.25, "k2", "v", "k3", false)));
        assertSameText(extra);
        assertSameText(Map.of());
    }

    @Test
    void statisticsMapsAreWrittenAsTheMapperWritesThem() throws Exception {
        FeatureStats stats = FeatureStats.of(Map.of(
                "x", new NumericStats(10, 0.5, Double.NaN, -1e300, 0.25, 0.5, 0.75, 1e-300,
                        Histogram.of(new double[] {3, 2.5, 4.5}, new double[] {0, 1.0 / 3, 2.0 / 3, 1})),
                "c", new CategoricalStats(3, 2, "a", 2, Map.of("a", 2L, CategoricalStats.OTHER, 1L))));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("current_stats", FeatureStatsJson.toMap(stats));
        extra.put("drift_measures", Map.of("x", Map.of("tvd", 0.125, "hellinger", 1.0 / 7)));
        extra.put("drift_status", "2");
        assertSameText(extra);
    }

    @Test
    void otherValuesAreLeftToTheMapper() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("when", Map.of("at", List.of(new java.math.BigDecimal("1.10"), (short) 3)));
        extra.put("array", new double[] {1, 2});
        assertSameText(extra);
        Map<Object, Object> intKeys = new LinkedHashMap<>(Map.of(1, "one"));
        assertSameText(Map.of("ints", intKeys, "instant", List.of(Instant.EPOCH.toString())));
    }
}
