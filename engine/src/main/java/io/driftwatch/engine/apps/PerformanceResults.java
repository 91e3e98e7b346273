package io.driftwatch.engine.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.Metric;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.stats.performance.Cbpe;
import io.driftwatch.stats.performance.ClassificationReport;
import io.driftwatch.stats.performance.ConfusionMatrix;
import io.driftwatch.stats.performance.Metrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results, metrics and confusion-matrix artifact of one {@link ModelPerformanceApp} run. Statuses: a realized or
 * estimated metric is compared with the reference's value of the same metric; its relative degradation (see
 * {@link Metrics#relativeDegradation}) at or above {@code detected_drop} is {@code detected}, at or above
 * {@code suspected_drop} {@code potential_detection}, else {@code no_detection}; {@code irrelevant} (no alert) when
 * the window has fewer than {@code min_rows} evaluated rows or the reference has no value for the metric.
 */
final class PerformanceResults {
    /** Per-class metrics are written for at most this many classes. */
    static final int MAX_CLASS_METRICS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PerformanceOptions options;
    private final PerformanceReference reference;
    private final List<Result> results = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final Map<String, Object> coverage = new LinkedHashMap<>();

    PerformanceResults(PerformanceOptions options, PerformanceReference reference, int rows, int labelled) {
        this.options = options;
        this.reference = reference;
        double share = rows == 0 ? 0 : (double) labelled / rows;
        coverage.put("labelled_rows", labelled);
        coverage.put("label_coverage", share);
        metrics.add(new Metric(ModelPerformanceApp.LABEL_COVERAGE, share));
        metrics.add(new Metric(ModelPerformanceApp.LABELLED_ROWS, labelled));
    }

    List<Result> results() {
        return results;
    }

    List<Metric> metrics() {
        return metrics;
    }

    void add(Result r) {
        results.add(r);
    }

    /** One result per finite realized metric of {@code evaluated} rows. */
    void realized(Map<String, Double> values, int evaluated) {
        values.forEach((name, v) -> {
            if (Double.isFinite(v)) {
                Map<String, Object> extra = new LinkedHashMap<>(coverage);
                extra.put("evaluated_rows", evaluated);
                results.add(new Result(name, v, ResultKind.MODEL_PERFORMANCE, status(name, v, evaluated, extra),
                        extra));
            }
        });
    }

    /** {@code precision_<class>}, {@code recall_<class>}, {@code f1_<class>} metrics (names made valid). */
    void perClass(ClassificationReport report) {
        if (report.confusion().size() > MAX_CLASS_METRICS) {
            return;
        }
        Set<String> taken = new HashSet<>();
        report.perClass().forEach((cls, m) -> {
            String suffix = cls.replaceAll("[^a-zA-Z0-9_]", "_");
            if (taken.add(suffix)) {
                metrics.add(new Metric("precision_" + suffix, m.get("precision")));
                metrics.add(new Metric("recall_" + suffix, m.get("recall")));
                metrics.add(new Metric("f1_" + suffix, m.get("f1")));
            }
        });
    }

    /** One {@code estimated_<metric>} result per estimated metric, with its band and the realized value if any. */
    void estimated(Cbpe.Estimate est, Map<String, Double> realized) {
        est.metrics().forEach((name, e) -> {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("lower", finite(e.lower()));
            extra.put("upper", finite(e.upper()));
            extra.put("sampling_error", finite(e.samplingError()));
            extra.put("band_sigmas", options.bandSigmas());
            extra.put("estimated_rows", est.rows());
            extra.putAll(coverage);
            Double real = realized.get(name);
            if (real != null && Double.isFinite(real)) {
                extra.put("realized", real);
                extra.put("realized_within_band", e.contains(real));
            }
            results.add(new Result(ModelPerformanceApp.ESTIMATED_PREFIX + name, e.value(),
                    ResultKind.MODEL_PERFORMANCE, status(name, e.value(), est.rows(), extra), extra));
        });
    }

    /** The confusion-matrix artifact: realized and/or expected matrices as JSON. */
    static byte[] confusionArtifact(ConfusionMatrix realized, ConfusionMatrix expected) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (realized != null) {
            doc.put("realized", matrix(realized));
        }
        if (expected != null) {
            doc.put("expected", matrix(expected));
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("confusion matrix JSON", e);
        }
    }

    private static Map<String, Object> matrix(ConfusionMatrix cm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", cm.classes());
        m.put("matrix", cm.counts());
        m.put("rows", cm.total());
        m.put("layout", "matrix[true][predicted]");
        return m;
    }

    private ResultStatus status(String metric, double value, int rows, Map<String, Object> extra) {
        extra.put("suspected_drop", options.suspectedDrop());
        extra.put("detected_drop", options.detectedDrop());
        Double ref = reference.metrics().get(metric);
        if (ref != null) {
            double drop = Metrics.relativeDegradation(metric, ref, value);
            extra.put("reference", ref);
            extra.put("relative_drop", finite(drop));
            if (rows >= options.minRows()) {
                return drop >= options.detectedDrop() ? ResultStatus.DETECTED
                        : drop >= options.suspectedDrop() ? ResultStatus.POTENTIAL_DETECTION
                        : ResultStatus.NO_DETECTION;
            }
        }
        extra.put("reason", rows < options.minRows() ? "too few rows: " + rows + " < " + options.minRows()
                : "no reference value of " + metric + (reference.note().isEmpty() ? "" : " (" + reference.note() + ")"));
        return ResultStatus.IRRELEVANT;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
