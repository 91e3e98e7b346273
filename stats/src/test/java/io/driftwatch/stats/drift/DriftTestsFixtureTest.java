package io.driftwatch.stats.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.ResultStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every case of {@code fixtures/drift-tests.json} (written by
 * {@code src/test/python/gen_drift_fixtures.py} with SciPy) to 1e-6: absolute for values up to 1
 * (p-values, distances), relative above (chi-square statistics, PSI of a constant reference).
 * The KS p-value needs no looser tolerance: the exact branch is the same recursion as SciPy's
 * and the asymptotic branch evaluates the same kstwo distribution.
 */
class DriftTestsFixtureTest {
    private static final double TOL = 1e-6;
    private static JsonNode root;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DriftTestsFixtureTest.class.getResourceAsStream("/fixtures/drift-tests.json")) {
            assertThat(in).as("fixtures/drift-tests.json on the test classpath").isNotNull();
            root = new ObjectMapper().readTree(in);
        }
    }

    static Stream<String> caseNames() throws IOException {
        load();
        List<String> names = new ArrayList<>();
        root.get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    @Test
    void fixtureHasADozenCasesOfEveryTest() {
        Map<String, Integer> perTest = new LinkedHashMap<>();
        root.get("cases").forEach(c -> perTest.merge(c.get("test").asText(), 1, Integer::sum));
        assertThat(perTest).containsOnlyKeys("ks", "wasserstein", "chi_square", "jensen_shannon", "psi");
        assertThat(perTest.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    void matchesScipy(String name) {
        JsonNode c = find(name);
        DriftTestResult r = run(c);
        assertThat(r.test()).isEqualTo(c.get("test").asText());
        assertClose(name + " statistic", r.statistic(), c.get("statistic").asDouble());
        if (c.has("p_value")) {
            assertClose(name + " p-value", r.pValue(), c.get("p_value").asDouble());
        } else {
            assertThat(r.pValue()).isNaN();
        }
        if (c.has("distance")) {
            double w = DriftTests.wassersteinDistance(numbers(c.get("reference")), numbers(c.get("sample")));
            assertClose(name + " distance", w, c.get("distance").asDouble());
        }
        assertThat(r.status()).as(name + " status").isEqualTo(ResultStatus.valueOf(c.get("status").asText()));
    }

    private static DriftTestResult run(JsonNode c) {
        String kind = c.get("kind").asText();
        DriftTest test = switch (c.get("test").asText()) {
            case "ks" -> DriftTests.ks();
            case "wasserstein" -> DriftTests.wasserstein();
            case "chi_square" -> DriftTests.chiSquare();
            case "jensen_shannon" -> kind.equals("numeric") ? DriftTests.jensenShannonNumeric() : DriftTests.jensenShannon();
            case "psi" -> kind.equals("numeric") ? DriftTests.psiNumeric() : DriftTests.psi();
            default -> throw new AssertionError("unknown test " + c.get("test"));
        };
        return switch (test) {
            case NumericDriftTest n when kind.equals("numeric") -> n.test(numbers(c.get("reference")), numbers(c.get("sample")));
            case CategoricalDriftTest k -> k.test(counts(c.get("reference")), counts(c.get("sample")));
            default -> throw new AssertionError("kind " + kind + " does not fit " + test.name());
        };
    }

    private static JsonNode find(String name) {
        for (JsonNode c : root.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no case " + name);
    }

    /** An inline array, or the name of an entry of the top-level "arrays". */
    private static double[] numbers(JsonNode node) {
        JsonNode values = node.isTextual() ? root.get("arrays").get(node.asText()) : node;
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static void assertClose(String what, double actual, double expected) {
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, expected %s", what, actual, expected)
                .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(expected)));
    }
}
