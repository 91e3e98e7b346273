package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.AppOutput;
import io.driftwatch.CategoricalStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.stats.performance.ClassificationMetrics;
import io.driftwatch.stats.performance.RegressionMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.driftwatch.ValidationSet;
import io.driftwatch.engine.port.ValidationSets;
import java.util.Optional;

/** The model-performance app through the real runner, on iris-like synthetic windows where the truth is known. */
class ModelPerformanceAppTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");
    private static final List<String> OUTPUTS = List.of("prediction", "p_setosa", "p_versicolor", "p_virginica");
    private static final Map<String, String> PROBA = Map.of("probability_columns",
            "setosa:p_setosa,versicolor:p_versicolor,virginica:p_virginica");
    private final ArtifactStore artifacts = ArtifactStores.inMemory();

    /** Iris-like rows: calibrated probabilities, label ~ them (flipped to another class with {@code flip}). */
    static Map<String, List<Object>> iris(Random rnd, int n, double flip, double labelledShare) {
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (String c : List.of("f0", "prediction", "p_setosa", "p_versicolor", "p_virginica", "y_true")) {
            cols.put(c, new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            double[] p = new double[3];
            double s = 0;
            for (int k = 0; k < 3; k++) {
                p[k] = Math.exp(2 * rnd.nextGaussian());
                s += p[k];
            }
            int best = 0;
            for (int k = 0; k < 3; k++) {
                p[k] /= s;
                best = p[k] > p[best] ? k : best;
                cols.get("p_" + CLASSES.get(k)).add(p[k]);
            }
            double u = rnd.nextDouble();
            int y = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            if (rnd.nextDouble() < flip) {
                y = (y + 1 + rnd.nextInt(2)) % 3;
            }
            cols.get("f0").add(rnd.nextGaussian());
            cols.get("prediction").add(CLASSES.get(best));
            cols.get("y_true").add(rnd.nextDouble() < labelledShare ? CLASSES.get(y) : null);
        }
        return cols;
    }

    static SampleFrame frame(Map<String, List<Object>> cols) {
        int n = cols.values().iterator().next().size();
        List<Instant> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(T0.plusMillis(i));
        }
        return SampleFrames.of(cols, ts);
    }

    private AppRun run(ModelPerformanceApp app, FeatureStats ref, List<String> outputs, SampleFrame frame) {
        return run(app, ref, outputs, frame, ValidationSets.NONE);
    }

    private AppRun run(ModelPerformanceApp app, FeatureStats ref, List<String> outputs, SampleFrame frame,
                       ValidationSets validationSets) {
        ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", ref, List.of("f0"), outputs, T0, T0);
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), Clock.systemUTC(), artifacts,
                EngineEventListener.none(), validationSets);
        var reg = new AppRegistration("p", ModelPerformanceApp.NAME, ModelPerformanceApp.class.getName(), null,
                Map.of(), T0);
        AppRun r = runner.run("p", ep, W, () -> frame, List.of(new DeployedApp(reg, app))).getFirst();
        assertThat(r.error()).isNull();
        return r;
    }

    private static Map<String, Result> results(AppOutput out) {
        return out.results().stream().collect(Collectors.toMap(Result::name, r -> r, (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, Double> metrics(AppOutput out) {
        return out.metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
    }

    @Test
    void aLabelledWindowGetsRealizedEstimatedAndDriftResultsAndTheConfusionMatrix() throws IOException {
        Random rnd = new Random(1);
        var app = new ModelPerformanceApp(PROBA, frame(iris(rnd, 3_000, 0, 1)));
        Map<String, List<Object>> cols = iris(rnd, 600, 0, 1);
        AppOutput out = run(app, FeatureStats.empty(), OUTPUTS, frame(cols)).output();
        Map<String, Result> r = results(out);
        assertThat(r).containsKeys("accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted",
                "log_loss", "roc_auc", "estimated_accuracy", "estimated_precision_macro", "estimated_recall_macro",
                "estimated_f1_macro", "estimated_f1_weighted", "estimated_roc_auc", "label_drift", "prediction_drift");
        List<String> yTrue = cols.get("y_true").stream().map(Object::toString).toList();
        List<String> yPred = cols.get("prediction").stream().map(Object::toString).toList();
        assertThat(r.get("accuracy").value()).isEqualTo(ClassificationMetrics.evaluate(yTrue, yPred).accuracy());
        assertThat(r.get("accuracy").kind()).isEqualTo(ResultKind.MODEL_PERFORMANCE);
        assertThat(r.get("accuracy").status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThat(r.get("accuracy").extraData()).containsEntry("label_coverage", 1.0).containsKey("reference");
        Result est = r.get("estimated_accuracy");
        assertThat((Boolean) est.extraData().get("realized_within_band")).isTrue();
        assertThat((double) est.extraData().get("lower")).isLessThan(est.value());
        assertThat(r.get("label_drift").kind()).isEqualTo(ResultKind.CONCEPT_DRIFT);
        assertThat(r.get("label_drift").status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThat(metrics(out)).containsEntry("label_coverage", 1.0).containsEntry("labelled_rows", 600.0)
                .containsKeys("precision_setosa", "recall_versicolor", "f1_virginica");
        var key = new ArtifactStore.Key("p", "ep1", ModelPerformanceApp.NAME, W.end(), "confusion_matrix");
        JsonNode cm = new ObjectMapper().readTree(artifacts.get(key).orElseThrow().content());
        assertThat(cm.at("/realized/classes").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
        assertThat(cm.at("/realized/rows").asDouble()).isEqualTo(600);
        assertThat(cm.at("/expected/rows").asDouble()).isCloseTo(600, within(1e-6));
    }

    @Test
    void realizedMetricsUseOnlyTheLabelledRowsAndCoverageIsTheirShare() {
        Random rnd = new Random(2);
        var app = new ModelPerformanceApp(PROBA, frame(iris(rnd, 2_000, 0, 1)));
        Map<String, List<Object>> cols = iris(rnd, 1_000, 0, 0.3);
        AppOutput out = run(app, FeatureStats.empty(), OUTPUTS, frame(cols)).output();
        List<String> t = new ArrayList<>();
        List<String> p = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (cols.get("y_true").get(i) != null) {
                t.add((String) cols.get("y_true").get(i));
                p.add((String) cols.get("prediction").get(i));
            }
        }
        double coverage = t.size() / 1000.0;
        assertThat(coverage).isBetween(0.25, 0.35);
        assertThat(metrics(out).get("label_coverage")).isEqualTo(coverage);
        Result acc = results(out).get("accuracy");
        assertThat(acc.value()).isEqualTo(ClassificationMetrics.evaluate(t, p).accuracy());
        assertThat(acc.extraData()).containsEntry("labelled_rows", t.size()).containsEntry("label_coverage", coverage);
        assertThat(results(out).get("estimated_accuracy").extraData()).containsEntry("estimated_rows", 1_000);
    }

    @Test
    void aWindowWithoutLabelsGetsTheEstimateButNoRealizedValue() {
        Random rnd = new Random(3);
        var app = new ModelPerformanceApp(PROBA, frame(iris(rnd, 2_000, 0, 1)));
        AppOutput out = run(app, FeatureStats.empty(), OUTPUTS, frame(iris(rnd, 400, 0, 0))).output();
        Map<String, Result> r = results(out);
        assertThat(r).doesNotContainKeys("accuracy", "log_loss", "label_drift")
                .containsKeys("estimated_accuracy", "estimated_roc_auc", "prediction_drift");
        assertThat(r.get("estimated_accuracy").extraData()).doesNotContainKey("realized");
        assertThat(metrics(out)).containsEntry("label_coverage", 0.0);
    }

    @Test
    void aConceptShiftDropsTheRealizedAccuracyToDetectedWhileTheEstimateStaysBlind() {
        Random rnd = new Random(4);
        var app = new ModelPerformanceApp(PROBA, frame(iris(rnd, 3_000, 0, 1)));
        Map<String, Result> r = results(run(app, FeatureStats.empty(), OUTPUTS, frame(iris(rnd, 800, 0.4, 1)))
                .output());
        assertThat(r.get("accuracy").status()).isEqualTo(ResultStatus.DETECTED);
        assertThat((double) r.get("accuracy").extraData().get("relative_drop")).isGreaterThan(0.10);
        assertThat(r.get("estimated_accuracy").status()).isEqualTo(ResultStatus.NO_DETECTION);
        assertThat(r.get("estimated_accuracy").extraData()).containsEntry("realized_within_band", false);
    }

    @Test
    void statusesFollowTheConfiguredDropsAgainstReferenceParams() {
        Random rnd = new Random(5);
        Map<String, List<Object>> cols = iris(rnd, 500, 0, 1);
        List<String> t = cols.get("y_true").stream().map(Object::toString).toList();
        List<String> p = cols.get("prediction").stream().map(Object::toString).toList();
        double acc = ClassificationMetrics.evaluate(t, p).accuracy();
        // reference 7 % above the window: between suspected (5 %) and detected (10 %)
        var params = Map.of("reference_accuracy", Double.toString(acc / 0.93), "reference_log_loss", "0.01");
        Map<String, Result> r = results(run(new ModelPerformanceApp(params), FeatureStats.empty(),
                List.of("prediction"), frame(cols)).output());
        assertThat(r.get("accuracy").status()).isEqualTo(ResultStatus.POTENTIAL_DETECTION);
        assertThat(r.get("f1_macro").status()).isEqualTo(ResultStatus.IRRELEVANT);
        assertThat((String) r.get("f1_macro").extraData().get("reason")).contains("no reference value of f1_macro");
        var strict = Map.of("reference_accuracy", Double.toString(acc / 0.93), "suspected_drop", "0.01",
                "detected_drop", "0.05");
        assertThat(results(run(new ModelPerformanceApp(strict), FeatureStats.empty(), List.of("prediction"),
                frame(cols)).output()).get("accuracy").status()).isEqualTo(ResultStatus.DETECTED);
        var few = Map.of("reference_accuracy", "0.99", "min_rows", "1000");
        Result small = results(run(new ModelPerformanceApp(few), FeatureStats.empty(), List.of("prediction"),
                frame(cols)).output()).get("accuracy");
        assertThat(small.status()).isEqualTo(ResultStatus.IRRELEVANT);
        assertThat((String) small.extraData().get("reason")).contains("too few rows: 500 < 1000");
    }

    @Test
    void labelDriftWithoutReferenceRowsComesFromTheTrainingLabelStatistics() {
        Random rnd = new Random(6);
        Map<String, List<Object>> cols = iris(rnd, 600, 0, 1);
        // the training set's label column, logged under the output's name: setosa-heavy
        var stats = FeatureStats.of(Map.of("prediction", new CategoricalStats(300, 3, "setosa", 200,
                Map.of("setosa", 200L, "versicolor", 50L, "virginica", 50L))));
        Map<String, Result> r = results(run(new ModelPerformanceApp(), stats, List.of("prediction"), frame(cols))
                .output());
        assertThat(r.get("label_drift").status()).isEqualTo(ResultStatus.DETECTED);
        assertThat(r.get("label_drift").extraData()).containsEntry("reference", "feature_stats");
        assertThat(r.get("label_drift").value()).isGreaterThan(0.25);
        assertThat(r.get("accuracy").status()).isEqualTo(ResultStatus.IRRELEVANT);
    }

    @Test
    void regressionMetricsAndLabelDriftFromReferenceRowsReadFromNdjson(@TempDir Path dir) throws IOException {
        Random rnd = new Random(7);
        StringBuilder nd = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            double x = rnd.nextGaussian();
            nd.append(String.format(java.util.Locale.ROOT, "{\"y_true\": %.6f, \"y\": %.6f}%n",
                    3 * x + rnd.nextGaussian() * 0.5, 3 * x));
        }
        Path file = dir.resolve("validation.ndjson");
        Files.writeString(file, nd.toString());
        var app = new ModelPerformanceApp(Map.of("reference_path", file.toString()));
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        cols.put("y", new ArrayList<>());
        cols.put("y_true", new ArrayList<>());
        for (int i = 0; i < 500; i++) {
            double x = rnd.nextGaussian() + 2; // the labels moved: label drift, and a worse model
            cols.get("y").add(3 * x);
            cols.get("y_true").add(3 * x + rnd.nextGaussian() * 1.5);
        }
        Map<String, Result> r = results(run(app, FeatureStats.empty(), List.of("y"), frame(cols)).output());
        double[] t = cols.get("y_true").stream().mapToDouble(v -> (Double) v).toArray();
        double[] p = cols.get("y").stream().mapToDouble(v -> (Double) v).toArray();
        var expected = RegressionMetrics.evaluate(t, p);
        assertThat(r.get("mae").value()).isEqualTo(expected.mae());
        assertThat(r.get("rmse").value()).isEqualTo(expected.rmse());
        assertThat(r.get("r2").value()).isEqualTo(expected.r2());
        assertThat(r.get("mae").status()).isEqualTo(ResultStatus.DETECTED);
        assertThat(r.get("label_drift").status()).isEqualTo(ResultStatus.DETECTED);
        assertThat(r.get("label_drift").extraData()).containsEntry("reference", "reference rows");
        assertThat(r).doesNotContainKeys("accuracy", "estimated_accuracy");
    }

    @Test
    void probabilityColumnsByPositionGiveClassesZeroOneAndTheArgmaxPrediction() {
        Random rnd = new Random(8);
        Map<String, List<Object>> ref = binary(rnd, 2_000);
        var app = new ModelPerformanceApp(Map.of("probability_columns", "p0,p1"), frame(ref));
        Map<String, List<Object>> win = binary(rnd, 400);
        Map<String, Result> r = results(run(app, FeatureStats.empty(), List.of("p0", "p1"), frame(win)).output());
        assertThat(r).containsKeys("accuracy", "roc_auc", "estimated_roc_auc");
        assertThat(r.get("estimated_accuracy").extraData()).containsEntry("realized_within_band", true);
    }

    @Test
    void numericTrainingLabelsGiveLabelDriftOnTheirHistogramAndClassNamesBecomeValidMetricNames() {
        Random rnd = new Random(9);
        List<Map<String, Object>> training = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            training.add(Map.of("target", i % 2 == 0 ? 1L : 0L));
        }
        FeatureStats stats = io.driftwatch.stats.Statistics.reference(io.driftwatch.stats.Frame.fromMaps(training))
                .stats();
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        cols.put("label", new ArrayList<>());
        cols.put("y_true", new ArrayList<>());
        for (int i = 0; i < 500; i++) {
            boolean one = rnd.nextDouble() < 0.9;
            cols.get("y_true").add(one ? 1L : 0L);
            cols.get("label").add(rnd.nextDouble() < 0.8 ? (one ? "Iris-b" : "Iris-a") : (one ? "Iris-a" : "Iris-b"));
        }
        var app = new ModelPerformanceApp(Map.of("reference_label_column", "target"));
        AppOutput out = run(app, stats, List.of("label"), frame(cols)).output();
        Result drift = results(out).get("label_drift");
        assertThat(drift.status()).isEqualTo(ResultStatus.DETECTED);
        assertThat(drift.extraData()).containsEntry("type", "numeric").containsEntry("reference", "feature_stats");
        assertThat(metrics(out)).containsKeys("precision_Iris_a", "recall_Iris_b", "f1_1");
    }

    private static Map<String, List<Object>> binary(Random rnd, int n) {
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        cols.put("p0", new ArrayList<>());
        cols.put("p1", new ArrayList<>());
        cols.put("y_true", new ArrayList<>());
        for (int i = 0; i < n; i++) {
            double p1 = 1 / (1 + Math.exp(-2 * rnd.nextGaussian()));
            cols.get("p0").add(1 - p1);
            cols.get("p1").add(p1);
            cols.get("y_true").add(rnd.nextDouble() < p1 ? 1L : 0L);
        }
        return cols;
    }

    @Test
    void badParamsAreRejectedNamingTheParam(@TempDir Path dir) {
        assertThatThrownBy(() -> new ModelPerformanceApp(Map.of("suspected_drop", "0.2", "detected_drop", "0.1")))
                .hasMessageContaining("suspected_drop");
        assertThatThrownBy(() -> new ModelPerformanceApp(Map.of("calibration", "platt")))
                .hasMessageContaining("calibration");
        assertThatThrownBy(() -> new ModelPerformanceApp(Map.of("probability_columns", "only")))
                .hasMessageContaining("probability_columns");
        assertThatThrownBy(() -> new ModelPerformanceApp(Map.of("task", "ranking"))).hasMessageContaining("task");
        assertThatThrownBy(() -> new ModelPerformanceApp(Map.of("reference_path", dir.resolve("x.json").toString())))
                .hasMessageContaining("reference_path");
    }

    @Test
    void theValidationSetLoggedWithTheModelIsTheReferenceWithoutReferencePath(@TempDir Path dir) throws IOException {
        Random rnd = new Random(11);
        Path good = validationFile(dir.resolve("v1.ndjson"), iris(rnd, 2_000, 0, 1));
        Path bad = validationFile(dir.resolve("v2.ndjson"), iris(rnd, 2_000, 0.5, 1));
        var app = new ModelPerformanceApp(Map.of("min_rows", "10"));
        SampleFrame window = frame(iris(rnd, 500, 0, 1));
        String proba = "setosa:p_setosa,versicolor:p_versicolor,virginica:p_virginica";
        Map<String, Result> none = results(run(app, FeatureStats.empty(), OUTPUTS, window).output());
        assertThat(none).doesNotContainKey("estimated_accuracy");
        assertThat(none.get("accuracy").status()).as("no baseline").isEqualTo(ResultStatus.IRRELEVANT);

        var v1 = new ValidationSet("v1", good, "species", "prediction", proba);
        Map<String, Result> r = results(run(app, FeatureStats.empty(), OUTPUTS, window, ep -> Optional.of(v1)).output());
        assertThat(r).containsKeys("estimated_accuracy", "estimated_roc_auc", "log_loss");
        double reference = accuracy(good);
        assertThat((double) r.get("accuracy").extraData().get("reference")).isEqualTo(reference);
        assertThat(r.get("accuracy").status()).as("a baseline: a verdict").isNotEqualTo(ResultStatus.IRRELEVANT);
        assertThat((Boolean) r.get("estimated_accuracy").extraData().get("realized_within_band")).isTrue();

        var v2 = new ValidationSet("v2", bad, "species", "prediction", proba); // re-logged: a new reference
        Map<String, Result> r2 = results(run(app, FeatureStats.empty(), OUTPUTS, window, ep -> Optional.of(v2)).output());
        assertThat((double) r2.get("accuracy").extraData().get("reference")).isEqualTo(accuracy(bad))
                .isLessThan(reference - 0.2);
    }

    /** Writes the rows as NDJSON with the label column renamed to {@code species}. */
    private static Path validationFile(Path file, Map<String, List<Object>> cols) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        int n = cols.get("y_true").size();
        for (int i = 0; i < n; i++) {
            var row = json.createObjectNode();
            for (var e : cols.entrySet()) {
                row.putPOJO(e.getKey().equals("y_true") ? "species" : e.getKey(), e.getValue().get(i));
            }
            out.append(json.writeValueAsString(row)).append('\n');
        }
        return Files.writeString(file, out.toString());
    }

    private static double accuracy(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> t = new ArrayList<>();
        List<String> p = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode row = json.readTree(line);
            t.add(row.get("species").asText());
            p.add(row.get("prediction").asText());
        }
        return ClassificationMetrics.evaluate(t, p).accuracy();
    }

    @Test
    void isRegisteredByNameAloneAsABuiltIn() {
        assertThat(ApplicationRegistry.builtInClass("model-performance")).contains(ModelPerformanceApp.class.getName());
        var projects = EngineFixtures.enabledProject("p", Duration.ofMinutes(10));
        var registry = ApplicationRegistry.create(projects, Clock.systemUTC(), null);
        registry.register("p", ApplicationRegistry.MODEL_PERFORMANCE,
                ApplicationRegistry.builtInClass(ApplicationRegistry.MODEL_PERFORMANCE).orElseThrow(), null,
                Map.of("min_rows", "10"));
        assertThat(registry.resolve("p", "model-performance").orElseThrow().app())
                .isInstanceOf(ModelPerformanceApp.class);
    }
}
