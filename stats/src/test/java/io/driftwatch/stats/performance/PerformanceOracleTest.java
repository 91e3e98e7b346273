package io.driftwatch.stats.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code fixtures/performance.json} (written with scikit-learn by
 * {@code src/test/python/performance_oracle.py}) to 1e-9: absolute for values up to 1 in magnitude, relative above.
 * A null expected value (scikit-learn's nan) must be NaN here.
 */
class PerformanceOracleTest {
    private static final double TOL = 1e-9;
    private static final JsonNode ROOT = load();

    private static JsonNode load() {
        try (InputStream in = PerformanceOracleTest.class.getResourceAsStream("/fixtures/performance.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("fixtures/performance.json on the test classpath", e);
        }
    }

    static Stream<String> classification() {
        return names("classification");
    }

    static Stream<String> regression() {
        return names("regression");
    }

    private static Stream<String> names(String task) {
        List<String> out = new ArrayList<>();
        ROOT.get("cases").forEach(c -> {
            if (c.get("task").asText().equals(task)) {
                out.add(c.get("name").asText());
            }
        });
        return out.stream();
    }

    @Test
    void fixtureCoversTheEdgeCases() {
        assertThat(names("classification").toList()).contains("zero_division", "one_class_only", "clipped_proba",
                "numeric_order", "proba_class_absent").hasSizeGreaterThanOrEqualTo(9);
        assertThat(names("regression").toList()).contains("regression_constant_labels", "regression_one_row")
                .hasSizeGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classification")
    void classificationMatchesScikitLearn(String name) {
        JsonNode c = find(name);
        List<String> classes = strings(c.get("proba_classes"));
        ClassificationReport r = c.has("proba")
                ? ClassificationMetrics.evaluate(strings(c.get("y_true")), strings(c.get("y_pred")),
                        matrix(c.get("proba")), classes)
                : ClassificationMetrics.evaluate(strings(c.get("y_true")), strings(c.get("y_pred")));
        Map<String, Double> got = r.byName();
        c.get("expected").properties().forEach(e -> assertClose(name + " " + e.getKey(), got.get(e.getKey()),
                e.getValue()));
        if (!c.has("proba")) {
            assertThat(r.logLoss()).isNaN();
            assertThat(r.rocAuc()).isNaN();
        }
        assertThat(r.confusion().classes()).isEqualTo(strings(c.get("classes")));
        assertThat(matrix(c.get("confusion"))).isDeepEqualTo(r.confusion().counts());
        c.get("per_class").properties().forEach(e -> e.getValue().properties().forEach(m -> assertClose(
                name + " " + e.getKey() + " " + m.getKey(), r.perClass().get(e.getKey()).get(m.getKey()),
                m.getValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regression")
    void regressionMatchesScikitLearn(String name) {
        JsonNode c = find(name);
        RegressionReport r = RegressionMetrics.evaluate(numbers(c.get("y_true")), numbers(c.get("y_pred")));
        c.get("expected").properties().forEach(e -> assertClose(name + " " + e.getKey(), r.byName().get(e.getKey()),
                e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isotonic")
    void isotonicCalibrationMatchesScikitLearn(String name) {
        JsonNode c = find(name);
        Calibration cal = Calibration.isotonic(numbers(c.get("scores")), numbers(c.get("outcomes")));
        double[] q = numbers(c.get("queries"));
        for (int i = 0; i < q.length; i++) {
            assertClose(name + " at " + q[i], cal.apply(q[i]), c.get("expected").get(i));
        }
    }

    static Stream<String> isotonic() {
        return names("isotonic");
    }

    static void assertClose(String what, double actual, JsonNode expected) {
        if (expected.isNull()) {
            assertThat(actual).as(what + " (scikit-learn nan)").isNaN();
            return;
        }
        double e = expected.asDouble();
        double tol = Math.abs(e) > 1 ? TOL * Math.abs(e) : TOL;
        assertThat(Math.abs(actual - e)).as(what + ": " + actual + " vs " + e).isLessThanOrEqualTo(tol);
    }

    private static JsonNode find(String name) {
        for (JsonNode c : ROOT.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    static double[] numbers(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = numbers(a.get(i));
        }
        return out;
    }
}
