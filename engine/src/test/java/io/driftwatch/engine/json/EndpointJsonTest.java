package io.driftwatch.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.CategoricalStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.NumericStats;
import io.driftwatch.ResultStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointJsonTest {
    /**
     * The fast double parser of the record reads gives Double.parseDouble's double, bit for bit: random bit
     * patterns (shortest repr), long decimal expansions, subnormals and halfway cases.
     */
    @Test
    void decimalsParseToTheSameDoubleAsTheJdk() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        List<String> texts = new java.util.ArrayList<>(List.of("0.1", "1e-300", "4.9e-324", "2.4703282292062327e-324",
                "2.2250738585072011e-308", "2.2250738585072012e-308", "9007199254740993.0", "1.7976931348623157e308",
                "0.30000000000000004441", "123456789012345678901234567890.5e-10", "-0.0", "5e-1", "1E+2"));
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                texts.add(Double.toString(d));
                texts.add(new java.math.BigDecimal(d).round(new java.math.MathContext(40)).toString());
            }
            texts.add(Double.toString(random.nextDouble() * 1000));
            texts.add(String.format(java.util.Locale.ROOT, "%.25f", random.nextDouble()));
        }
        for (String t : texts) {
            double fast = EndpointJson.MAPPER.readTree("[" + t + "]").get(0).doubleValue();
            assertThat(Double.doubleToRawLongBits(fast)).as(t)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(t)));
        }
    }

    static ModelEndpoint sample() {
        double[] edges = new double[21];
        double[] counts = new double[20];
        for (int i = 0; i <= 20; i++) {
            edges[i] = i * 0.5;
        }
        for (int i = 0; i < 20; i++) {
            counts[i] = i % 3;
        }
        NumericStats f1 = new NumericStats(100, 4.75, 2.5, 0, 2.25, 4.5, 7.125, 10, Histogram.of(counts, edges));
        NumericStats single = new NumericStats(1, 3, Double.NaN, 3, 3, 3, 3, 3,
                Histogram.of(new double[] {1}, new double[] {2.5, 3.5}));
        Map<String, Long> cats = new LinkedHashMap<>();
        cats.put("red", 60L);
        cats.put("blue", 30L);
        cats.put(CategoricalStats.OTHER, 10L);
        FeatureStats ref = FeatureStats.of(Map.of("f1", f1));
        Map<String, io.driftwatch.ColumnStats> refCols = new LinkedHashMap<>();
        refCols.put("f1", f1);
        refCols.put("color", new CategoricalStats(100, 5, "red", 60, cats));
        refCols.put("one", single);
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("tvd_mean", 0.25);
        measures.put("hellinger_mean", 0.3);
        measures.put("f1", Map.of("tvd", 0.25));
        return new ModelEndpoint(
                new ModelEndpoint.Metadata("my-proj", "e355f3b2cea8fd6f23fefd4e80454e72be879efd",
                        Map.of("team", "risk", "canary", "false")),
                ModelEndpoint.Spec.builder().functionUri("my-proj/my-serving").model("my-model").modelVersion("v2")
                        .modelClass("ClassifierModel").modelUri("store://models/my-proj/my-model:v2")
                        .featureNames(List.of("f1", "color", "one")).labelNames(List.of("p0")).streamPath("embedded")
                        .monitoringMode(MonitoringMode.ENABLED).active(true).build(),
                ModelEndpoint.Status.builder().featureStats(FeatureStats.of(refCols)).currentStats(ref)
                        .firstRequest(Instant.parse("2024-05-01T12:00:00.123456Z"))
                        .lastRequest(Instant.parse("2024-05-01T13:00:00Z")).errorCount(3)
                        .driftStatus(ResultStatus.POTENTIAL_DETECTION).driftMeasures(measures)
                        .metrics(new LiveMetrics(0.5, 1200.5, 1100.25, 150, 1800)).build());
    }

    @Test
    void roundTripGivesAnEqualRecord() {
        ModelEndpoint e = sample();
        assertThat(EndpointJson.read(EndpointJson.write(e))).isEqualTo(e);
    }

    @Test
    void goldenFileIsReadAndWrittenBackIdentically() throws IOException {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("endpoint-golden.json")) {
            assertThat(in).as("golden file").isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        ModelEndpoint e = EndpointJson.read(golden);
        assertThat(EndpointJson.writePretty(e).strip()).isEqualTo(golden);
        assertThat(e).isEqualTo(sample());
    }

    @Test
    void writesMlrunShape() {
        var tree = EndpointJson.toTree(sample());
        assertThat(tree.at("/status/drift_status").asText()).isEqualTo("1");
        assertThat(tree.at("/spec/monitoring_mode").asText()).isEqualTo("enabled");
        assertThat(tree.at("/status/first_request").asText()).isEqualTo("2024-05-01T12:00:00.123456Z");
        assertThat(tree.at("/status/metrics/generic/predictions_count_5m").asLong()).isEqualTo(150);
        assertThat(tree.at("/status/feature_stats/f1/25%").asDouble()).isEqualTo(2.25);
        assertThat(tree.at("/status/feature_stats/f1/hist/1").size()).isEqualTo(21);
        assertThat(tree.at("/status/feature_stats/one/std").isNull()).isTrue();
    }

    @Test
    void strictModeNamesEveryUnknownField() {
        String json = "{\"metadata\":{\"project\":\"p\",\"uid\":\"u\",\"name\":\"x\"},"
                + "\"spec\":{\"algorithm\":\"a\"},\"status\":{\"metrics\":{\"generic\":{\"foo\":1}}},\"kind\":1}";
        assertThatThrownBy(() -> EndpointJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata.name")
                .hasMessageContaining("spec.algorithm")
                .hasMessageContaining("status.metrics.generic.foo")
                .hasMessageContaining("kind");
        ModelEndpoint e = EndpointJson.read(json, EndpointJson.Mode.LENIENT);
        assertThat(e.uid()).isEqualTo("u");
        assertThat(e.spec().monitoringMode()).isEqualTo(MonitoringMode.DISABLED);
        assertThat(e.spec().active()).isTrue();
        assertThat(e.status().metrics()).isEqualTo(LiveMetrics.ZERO);
    }

    @Test
    void acceptsMlrunTimeFormatsAndStatusCodes() {
        String json = "{\"metadata\":{\"project\":\"p\",\"uid\":\"u\"},\"status\":{"
                + "\"first_request\":\"2024-05-01 12:00:00.000001+00:00\",\"last_request\":\"2024-05-01T14:00:00\","
                + "\"drift_status\":2}}";
        ModelEndpoint e = EndpointJson.read(json);
        assertThat(e.status().firstRequest()).isEqualTo(Instant.parse("2024-05-01T12:00:00.000001Z"));
        assertThat(e.status().lastRequest()).isEqualTo(Instant.parse("2024-05-01T14:00:00Z"));
        assertThat(e.status().driftStatus()).isEqualTo(ResultStatus.DETECTED);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> EndpointJson.read("{\"metadata\":{\"project\":\"p\"}}"))
                .hasMessageContaining("metadata.uid");
        assertThatThrownBy(() -> EndpointJson.read("{\"metadata\":{\"project\":\"p\",\"uid\":\"u\"},"
                + "\"spec\":{\"feature_names\":\"f1\"}}")).hasMessageContaining("spec.feature_names");
        assertThatThrownBy(() -> EndpointJson.read("{\"metadata\":{\"project\":\"p\",\"uid\":\"u\"},"
                + "\"status\":{\"drift_status\":\"7\"}}")).hasMessageContaining("status.drift_status");
        assertThatThrownBy(() -> EndpointJson.read("{\"metadata\":{\"project\":\"p\",\"uid\":\"u\"},"
                + "\"status\":{\"last_request\":\"yesterday\"}}")).hasMessageContaining("status.last_request");
        assertThatThrownBy(() -> EndpointJson.read("{\"metadata\":{\"project\":\"p\",\"uid\":\"u\"},"
                + "\"spec\":{\"monitoring_mode\":\"on\"}}")).hasMessageContaining("monitoring_mode");
        assertThatThrownBy(() -> EndpointJson.read("{\"metadata\": ")).hasMessageContaining("not valid JSON");
    }
}
