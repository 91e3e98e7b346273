package io.driftwatch.stats;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.driftwatch.CategoricalStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import java.util.LinkedHashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reference and window statistics against numpy (stats/src/test/python/make_expected.py). */
class StatisticsTest {
    @Test
    void numericStatisticsMatchNumpy() throws IOException {
        JsonNode cases = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(Path.of("src/test/resources/expected/numeric_cases.json").toFile());
        for (Map.Entry<String, JsonNode> c : cases.properties()) {
            double[] values = doubles(c.getValue().get("values"));
            JsonNode d = c.getValue().get("describe");
            DataProfile p = Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(values))));
            NumericStats s = (NumericStats) p.stats().get("x").orElseThrow();
            String name = c.getKey();
            assertThat(s.count()).as(name).isEqualTo(d.get("count").asLong());
            assertClose(name + " mean", s.mean(), d.get("mean"));
            assertClose(name + " std", s.std(), d.get("std"));
            assertClose(name + " min", s.min(), d.get("min"));
            assertClose(name + " 25%", s.p25(), d.get("25%"));
            assertClose(name + " 50%", s.p50(), d.get("50%"));
            assertClose(name + " 75%", s.p75(), d.get("75%"));
            assertClose(name + " max", s.max(), d.get("max"));
            assertThat(s.hist().counts()).as(name + " hist").containsExactly(doubles(d.get("hist").get(0)));
            assertThat(s.hist().edges()).as(name + " edges").containsExactly(doubles(d.get("hist").get(1)));
            double[] window = doubles(c.getValue().get("window"));
            if (window.length > 0) {
                DataProfile w = Statistics.window(Frame.of(Map.of("x", NumericColumn.of(window))), p.stats());
                NumericStats ws = (NumericStats) w.stats().get("x").orElseThrow();
                assertThat(ws.hist().counts()).as(name + " window bins")
                        .containsExactly(doubles(c.getValue().get("window_bins")));
                assertThat(ws.count()).isEqualTo(window.length);
                assertThat(w.excluded("x")).isEqualTo(new ExcludedValues(0, 0, 1, 1));
            }
        }
    }

    private static void assertClose(String what, double actual, JsonNode expected) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what + " (bit-identical to numpy)").isEqualTo(expected.asDouble());
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).isTextual() ? Double.parseDouble(array.get(i).asText()) : array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void irisFromCsvHasPandasDescribe() {
        DataProfile p = Statistics.reference(CsvFixtures.read(Path.of("src/test/resources/iris.csv")));
        NumericStats sl = (NumericStats) p.stats().get("sepal_length").orElseThrow();
        assertThat(sl.count()).isEqualTo(150);
        assertThat(sl.mean()).isEqualTo(5.843333333333334);
        assertThat(sl.std()).isEqualTo(0.828066127977863);
        assertThat(sl.p25()).isEqualTo(5.1);
        assertThat(sl.hist().counts()).hasSize(20);
        CategoricalStats species = (CategoricalStats) p.stats().get("species").orElseThrow();
        assertThat(species).isEqualTo(new CategoricalStats(150, 3, "setosa", 50,
                Map.of("setosa", 50L, "versicolor", 50L, "virginica", 50L, CategoricalStats.OTHER, 0L)));
        assertThat(species.categories().keySet()).containsExactly("setosa", "versicolor", "virginica", "__other__");
    }

    @Test
    void nullsNanAndInfinitiesAreExcludedAndCounted() {
        BitSet nulls = new BitSet();
        nulls.set(0);
        double[] v = {0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, 2, 3};
        DataProfile p = Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(v, nulls))));
        NumericStats s = (NumericStats) p.stats().get("x").orElseThrow();
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(2);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(3);
        assertThat(s.hist().total()).isEqualTo(3);
        assertThat(p.excluded("x")).isEqualTo(new ExcludedValues(1, 1, 1, 1));
    }

    @Test
    void emptyAllNullSingleAndConstantColumns() {
        Frame f = Frame.of(Map.of(
                "empty", NumericColumn.ofBoxed(null, null),
                "single", NumericColumn.ofBoxed(7, null),
                "constant", NumericColumn.of(3, 3),
                "cat", CategoricalColumn.of(null, null)));
        FeatureStats s = Statistics.reference(f).stats();
        NumericStats empty = (NumericStats) s.get("empty").orElseThrow();
        assertThat(empty.count()).isZero();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.hist().total()).isZero();
        NumericStats single = (NumericStats) s.get("single").orElseThrow();
        assertThat(single.count()).isEqualTo(1);
        assertThat(single.std()).isNaN();
        assertThat(single.p25()).isEqualTo(7);
        assertThat(single.hist().edge(0)).isEqualTo(6.5);
        NumericStats constant = (NumericStats) s.get("constant").orElseThrow();
        assertThat(constant.std()).isZero();
        assertThat(constant.hist().edge(20)).isEqualTo(3.5);
        CategoricalStats cat = (CategoricalStats) s.get("cat").orElseThrow();
        assertThat(cat).isEqualTo(new CategoricalStats(0, 0, null, 0, Map.of(CategoricalStats.OTHER, 0L)));
    }

    @Test
    void topCategoriesAndOther() {
        String[] v = {"a", "b", "b", "c", "c", "c", "d", null};
        DataProfile p = Statistics.reference(Frame.of(Map.of("x", CategoricalColumn.of(v))), 20, 2);
        CategoricalStats s = (CategoricalStats) p.stats().get("x").orElseThrow();
        assertThat(s.count()).isEqualTo(7);
        assertThat(s.unique()).isEqualTo(4);
        assertThat(s.top()).isEqualTo("c");
        assertThat(s.freq()).isEqualTo(3);
        assertThat(s.categories()).containsExactly(Map.entry("c", 3L), Map.entry("b", 2L), Map.entry("__other__", 2L));
        assertThat(p.excluded("x").nulls()).isEqualTo(1);
        DataProfile w = Statistics.window(Frame.of(Map.of("x", CategoricalColumn.of("z", "z", "b", "a"))), p.stats());
        CategoricalStats ws = (CategoricalStats) w.stats().get("x").orElseThrow();
        assertThat(ws.categories()).containsExactly(Map.entry("c", 0L), Map.entry("b", 1L), Map.entry("__other__", 3L));
        assertThat(ws.top()).isEqualTo("z");
    }

    @Test
    void largeFrameRunsInParallelAndMatchesSequential() {
        Random r = new Random(1);
        Map<String, Column> cols = new LinkedHashMap<>();
        for (int c = 0; c < 8; c++) {
            double[] v = new double[50_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian() * (c + 1);
            }
            cols.put("f" + c, NumericColumn.of(v));
        }
        FeatureStats all = Statistics.reference(Frame.of(cols)).stats();
        for (String name : cols.keySet()) {
            FeatureStats one = Statistics.reference(Frame.of(Map.of(name, cols.get(name)))).stats();
            assertThat(all.get(name)).isEqualTo(one.get(name));
        }
    }
}
