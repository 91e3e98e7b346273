package io.driftwatch.engine.apps;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.apps.PerformanceOptions.Task;
import io.driftwatch.stats.drift.CategoricalDriftTest;
import io.driftwatch.stats.drift.DriftTestResult;
import io.driftwatch.stats.drift.DriftTests;
import io.driftwatch.stats.drift.NumericDriftTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Label and prediction drift of {@link ModelPerformanceApp} (kind {@code concept_drift}), with the stats module's
 * tests: class labels chi-square and PSI, numeric labels KS and PSI on reference deciles (or, against a reference
 * histogram, on its bins as {@link DriftTestsApp} does). Value = the PSI; status = PSI's band ({@code psi_potential},
 * {@code psi_detected}), raised to {@code potential_detection} when PSI finds nothing but the other test does;
 * {@code irrelevant} when a side is empty or the window has fewer than {@code min_rows} values.
 */
final class ConceptDrift {
    private final List<CategoricalDriftTest> categorical;
    private final List<NumericDriftTest> numeric;
    private final int minRows;

    ConceptDrift(PerformanceOptions o) {
        this.categorical = List.of(DriftTests.psi(o.psiPotential(), o.psiDetected()),
                DriftTests.chiSquare(o.chiSquareAlpha()));
        this.numeric = List.of(DriftTests.psiNumeric(o.psiPotential(), o.psiDetected()), DriftTests.ks(o.ksAlpha()));
        this.minRows = o.minRows();
    }

    /**
     * The drift of the window's values (class keys or numbers) against the reference rows' values, else against
     * a reference column's statistics; empty when the window has no value or there is no reference.
     */
    Optional<Result> test(String name, Task task, List<String> keys, double[] numbers, Object referenceValues,
                          ColumnStats referenceStats) {
        int n = task == Task.CLASSIFICATION ? keys.size() : numbers.length;
        Optional<FeatureTests> tests = run(name, task, keys, numbers, referenceValues, referenceStats);
        if (n == 0 || tests.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> extra = tests.get().extraData();
        extra.put("rows", n);
        extra.put("reference", referenceValues != null ? "reference rows" : "feature_stats");
        if (n < minRows) {
            extra.put("reason", "too few rows: " + n + " < " + minRows);
            return Optional.of(new Result(name, 0.0, ResultKind.CONCEPT_DRIFT, ResultStatus.IRRELEVANT, extra));
        }
        DriftTestResult psi = tests.get().tests().getFirst();
        if (psi.status() == ResultStatus.IRRELEVANT || !Double.isFinite(psi.statistic())) {
            return Optional.of(new Result(name, 0.0, ResultKind.CONCEPT_DRIFT, ResultStatus.IRRELEVANT, extra));
        }
        boolean other = tests.get().tests().getLast().drifted();
        ResultStatus status = psi.drifted() ? psi.status()
                : other ? ResultStatus.POTENTIAL_DETECTION : ResultStatus.NO_DETECTION;
        return Optional.of(new Result(name, psi.statistic(), ResultKind.CONCEPT_DRIFT, status, extra));
    }

    private Optional<FeatureTests> run(String name, Task task, List<String> keys, double[] numbers,
                                       Object refValues, ColumnStats refStats) {
        if (task == Task.CLASSIFICATION && refValues instanceof List<?> ref) {
            String[] r = ref.stream().map(Object::toString).toArray(String[]::new);
            String[] s = keys.toArray(String[]::new);
            return Optional.of(new FeatureTests(name, "categorical", categorical.stream().map(t -> t.test(r, s)).toList()));
        }
        if (task == Task.REGRESSION && refValues instanceof double[] ref) {
            return Optional.of(new FeatureTests(name, "numeric", numeric.stream().map(t -> t.test(ref, numbers)).toList()));
        }
        if (refStats instanceof CategoricalStats c && !c.categories().isEmpty()) {
            List<Object> values = new ArrayList<>(task == Task.CLASSIFICATION ? keys : boxed(numbers));
            return Optional.of(FeatureTests.categorical(name, c, values, categorical));
        }
        if (refStats instanceof NumericStats ns && ns.count() > 0) {
            double[] v = task == Task.REGRESSION ? numbers : parse(keys);
            return Optional.of(FeatureTests.numeric(name, ns, v, new ArrayList<>(numeric)));
        }
        return Optional.empty();
    }

    private static List<Object> boxed(double[] v) {
        List<Object> out = new ArrayList<>();
        for (double d : v) {
            out.add(io.driftwatch.stats.performance.ClassOrder.key(d));
        }
        return out;
    }

    /** Class keys as numbers (a numeric training label); a key that is no number is NaN (excluded by the tests). */
    private static double[] parse(List<String> keys) {
        double[] out = new double[keys.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(keys.get(i));
            } catch (NumberFormatException e) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
