package io.driftwatch.engine.apps;

import io.driftwatch.engine.apps.PerformanceOptions.Task;
import io.driftwatch.stats.performance.Cbpe;
import io.driftwatch.stats.performance.ClassificationMetrics;
import io.driftwatch.stats.performance.RegressionMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ModelPerformanceApp} knows of the reference (the validation set): its realized metrics (the baseline of
 * the statuses; {@code reference_<metric>} params override or supply them), the fitted {@link Cbpe} (classification
 * with probabilities and at least two labelled classes), and its labels and predictions for concept drift.
 *
 * @param metrics     the baseline per metric name (NaN-free)
 * @param cbpe        null when no estimate is possible
 * @param labels      the reference rows' labels (class keys or numbers), null without reference rows
 * @param predictions the reference rows' predictions, null without reference rows
 * @param rows        the labelled and predicted reference rows the metrics come from (0 without reference rows)
 * @param note        why something is missing (empty when nothing is)
 */
record PerformanceReference(Map<String, Double> metrics, Cbpe cbpe, Object labels, Object predictions, int rows,
                            String note) {

    PerformanceReference {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** No reference rows: only the {@code reference_<metric>} params. */
    static PerformanceReference ofParams(PerformanceOptions o) {
        return new PerformanceReference(o.referenceValues(), null, null, null, 0,
                "no reference rows (param reference_path or a reference frame): no estimate; baselines from "
                        + "reference_<metric> params only");
    }

    /** From the reference rows' columns. */
    static PerformanceReference of(PerformanceRows r, PerformanceOptions o) {
        return r.task() == Task.REGRESSION ? regression(r, o) : classification(r, o);
    }

    private static PerformanceReference regression(PerformanceRows r, PerformanceOptions o) {
        int[] idx = r.evaluableRows();
        Map<String, Double> metrics = new LinkedHashMap<>();
        RegressionMetrics.evaluate(PerformanceRows.pick(r.trueValues(), idx), PerformanceRows.pick(r.predValues(), idx))
                .byName().forEach((k, v) -> putFinite(metrics, k, v));
        metrics.putAll(o.referenceValues());
        return new PerformanceReference(metrics, null, finite(r.trueValues()), finite(r.predValues()), idx.length,
                "a regression model has no estimate");
    }

    private static PerformanceReference classification(PerformanceRows r, PerformanceOptions o) {
        int[] idx = r.evaluableRows();
        List<String> t = PerformanceRows.pick(r.trueKeys(), idx);
        List<String> p = PerformanceRows.pick(r.predKeys(), idx);
        double[][] proba = r.proba() == null ? null : PerformanceRows.pick(r.proba(), idx);
        Map<String, Double> metrics = new LinkedHashMap<>();
        ClassificationMetrics.evaluate(t, p, proba, r.classes()).byName().forEach((k, v) -> putFinite(metrics, k, v));
        metrics.putAll(o.referenceValues());
        Cbpe cbpe = null;
        String note = "the reference has no probability columns: no estimate";
        if (proba != null) {
            try {
                cbpe = Cbpe.fit(t, p, proba, r.classes(), new Cbpe.Options(o.calibrate(), o.bandSigmas(), 50, 5_000));
                note = "";
            } catch (IllegalArgumentException e) {
                note = "no estimate: " + e.getMessage();
            }
        }
        return new PerformanceReference(metrics, cbpe, nonNull(r.trueKeys()), nonNull(r.predKeys()), idx.length, note);
    }

    private static List<String> nonNull(List<String> keys) {
        return keys.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static void putFinite(Map<String, Double> m, String k, double v) {
        if (Double.isFinite(v)) {
            m.put(k, v);
        }
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
