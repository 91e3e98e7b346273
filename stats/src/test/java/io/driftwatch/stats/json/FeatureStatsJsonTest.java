package io.driftwatch.stats.json;

import io.driftwatch.CategoricalStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import io.driftwatch.stats.CsvFixtures;
import io.driftwatch.stats.Statistics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureStatsJsonTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** The golden file is Driftwatch's own output for iris.csv; read → write must give it back byte for byte. */
    @Test
    void goldenFileRoundTripsByteIdentical() throws IOException {
        String golden = Files.readString(GOLDEN.resolve("iris_feature_stats.json"), StandardCharsets.UTF_8);
        FeatureStats read = FeatureStatsJson.read(golden);
        assertThat(FeatureStatsJson.writePretty(read) + "\n").isEqualTo(golden);
        assertThat(FeatureStatsJson.read(FeatureStatsJson.write(read))).isEqualTo(read);
        assertThat(FeatureStatsJson.fromMap(FeatureStatsJson.toMap(read))).isEqualTo(read);
    }

    @Test
    void goldenFileIsWhatStatisticsComputeFromIris() throws IOException {
        FeatureStats computed = Statistics.reference(CsvFixtures.read(Path.of("src/test/resources/iris.csv"))).stats();
        String golden = Files.readString(GOLDEN.resolve("iris_feature_stats.json"), StandardCharsets.UTF_8);
        assertThat(FeatureStatsJson.writePretty(computed) + "\n").isEqualTo(golden);
    }

    /** MLRun's form as Python's json.dumps writes it: float counts, int hist counts, bare NaN, missing keys. */
    @Test
    void readsMlrunSampleFormat() throws IOException {
        String mlrun = Files.readString(GOLDEN.resolve("mlrun_feature_stats.json"), StandardCharsets.UTF_8);
        FeatureStats s = FeatureStatsJson.read(mlrun);
        assertThat(s.names()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width", "only_one",
                "all_nan");
        NumericStats sl = (NumericStats) s.get("sepal_length").orElseThrow();
        assertThat(sl.count()).isEqualTo(150);
        assertThat(sl.p50()).isEqualTo(5.8);
        assertThat(sl.hist().bins()).isEqualTo(20);
        assertThat(sl.hist().total()).isEqualTo(150);
        assertThat(((NumericStats) s.get("only_one").orElseThrow()).std()).isNaN();
        NumericStats allNan = (NumericStats) s.get("all_nan").orElseThrow();
        assertThat(allNan.count()).isZero();
        assertThat(allNan.mean()).isNaN();
        FeatureStats again = FeatureStatsJson.read(FeatureStatsJson.write(s));
        assertThat(again).isEqualTo(s);
        assertThat(FeatureStatsJson.write(s)).contains("\"std\":null").contains("\"count\":150.0");
    }

    /**
     * toMap/fromMap walk the tree directly: the same maps (same number classes) as Jackson's convertValue, and the
     * same statistics as Jackson's valueToTree, for numeric (NaN, non-integral counts), categorical and empty-top
     * columns; a map holding another number class still reads through Jackson.
     */
    @Test
    void mapsEqualJacksonsConversions() throws IOException {
        FeatureStats s = FeatureStatsJson.read(Files.readString(GOLDEN.resolve("iris_feature_stats.json")));
        FeatureStats more = FeatureStatsJson.read("""
                {"x": {"count": 3, "mean": "NaN", "std": 1e-300, "min": "-inf", "max": 7,
                       "hist": [[1.5, 2], [0, 0.5, 1]]},
                 "c": {"count": 3, "unique": 2, "top": "a", "freq": 2, "categories": {"a": 2, "__other__": 1}},
                 "e": {"count": 0, "unique": 0, "top": null, "freq": 0, "categories": {}}}
                """);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (FeatureStats f : java.util.List.of(s, more)) {
            Map<String, Object> jackson = mapper.convertValue(FeatureStatsJson.toTree(f),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            Map<String, Object> direct = FeatureStatsJson.toMap(f);
            assertThat(direct).isEqualTo(jackson);
            assertThat(mapper.writeValueAsString(direct)).isEqualTo(mapper.writeValueAsString(jackson));
            assertThat(FeatureStatsJson.fromMap(direct)).isEqualTo(FeatureStatsJson.read(mapper.valueToTree(jackson)));
        }
        Map<String, Object> floats = Map.of("x", Map.of("count", 2.0f, "mean", new java.math.BigDecimal("0.5"),
                "hist", java.util.List.of(java.util.List.of(2), java.util.List.of(0, 1))));
        assertThat(((NumericStats) FeatureStatsJson.fromMap(floats).get("x").orElseThrow()).mean()).isEqualTo(0.5);
    }

    @Test
    void lenientNumbers() {
        FeatureStats s = FeatureStatsJson.read("""
                {"x": {"count": "3", "mean": "NaN", "std": NaN, "min": "-inf", "max": Infinity,
                       "hist": [[1.0, 2], [0, 0.5, 1]]},
                 "c": {"count": 3, "unique": 2, "top": "a", "freq": 2.0},
                 "b": {"count": 2, "unique": 1, "top": true, "freq": 2, "categories": {"true": 2, "__other__": 0}}}
                """);
        NumericStats x = (NumericStats) s.get("x").orElseThrow();
        assertThat(x.count()).isEqualTo(3);
        assertThat(x.min()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(x.p25()).isNaN();
        assertThat(s.get("c").orElseThrow()).isEqualTo(new CategoricalStats(3, 2, "a", 2, Map.of()));
        assertThat(((CategoricalStats) s.get("b").orElseThrow()).top()).isEqualTo("true");
    }

    @Test
    void categoricalEncoding() {
        FeatureStats s = FeatureStats.of(Map.of("c", new CategoricalStats(3, 2, "a", 2,
                Map.of("a", 2L, CategoricalStats.OTHER, 1L))));
        String json = FeatureStatsJson.write(s);
        assertThat(json).startsWith("{\"c\":{\"count\":3,\"unique\":2,\"top\":\"a\",\"freq\":2,\"categories\":{");
        assertThat(FeatureStatsJson.read(json)).isEqualTo(s);
    }

    @Test
    void malformedInputNamesTheProblem() {
        assertThatThrownBy(() -> FeatureStatsJson.read("{\"x\": {\"count\": -1}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("count");
        assertThatThrownBy(() -> FeatureStatsJson.read("{\"x\": {\"hist\": [[1], [2]]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> FeatureStatsJson.read("{\"x\": 3}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> FeatureStatsJson.read("[1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FeatureStatsJson.read("{\"x\": {\"mean\": \"abc\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mean'");
    }
}
