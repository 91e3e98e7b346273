package io.driftwatch.engine.apps;

import io.driftwatch.AppOutput;
import io.driftwatch.ColumnStats;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.SampleFrame;
import io.driftwatch.ValidationSet;
import io.driftwatch.engine.apps.PerformanceOptions.Task;
import io.driftwatch.stats.performance.Cbpe;
import io.driftwatch.stats.performance.ClassificationMetrics;
import io.driftwatch.stats.performance.ClassificationReport;
import io.driftwatch.stats.performance.RegressionMetrics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in app {@code model-performance} (issue 20): realized performance on the window's labelled rows,
 * estimated performance without labels (CBPE), label and prediction drift. The window frame carries the ground truth
 * in the column {@code label_column} (default {@code y_true}; null for a row not labelled yet).
 *
 * <p>Results (kind {@code model_performance}): classification {@code accuracy}, {@code precision_macro},
 * {@code recall_macro}, {@code f1_macro}, {@code f1_weighted}, and with probabilities {@code log_loss},
 * {@code roc_auc}; regression {@code mae}, {@code rmse}, {@code mape}, {@code r2} (definitions: scikit-learn's,
 * {@link ClassificationMetrics}, {@link RegressionMetrics}); {@code estimated_accuracy},
 * {@code estimated_precision_macro}, {@code estimated_recall_macro}, {@code estimated_f1_macro},
 * {@code estimated_f1_weighted}, {@code estimated_roc_auc} (classification with probabilities and a reference with
 * them; extra_data {@code lower}, {@code upper}, {@code sampling_error}, and {@code realized},
 * {@code realized_within_band} when labels came). Kind {@code concept_drift}: {@code label_drift},
 * {@code prediction_drift} ({@link ConceptDrift}). Every result's extra_data has {@code label_coverage} and
 * {@code labelled_rows}; statuses: {@link PerformanceResults}. Metrics: {@code label_coverage} (labelled rows / rows),
 * {@code labelled_rows}, per class {@code precision_<class>}, {@code recall_<class>}, {@code f1_<class>}. Artifact
 * {@code confusion_matrix} (JSON: {@code realized} and/or {@code expected} {classes, matrix[true][predicted], rows}).
 * A window without labels gets no realized result (no 0 accuracy), only the coverage, the estimate and the
 * prediction drift.
 *
 * <p>Params: {@code task} (auto | classification | regression; auto = classification with probability columns or
 * non-fractional values), {@code label_column} (y_true), {@code prediction_column} (default the endpoint's first
 * output that is no probability column), {@code probability_columns} ({@code class:column,…}, or {@code column,…}
 * for classes 0, 1, …), {@code reference_path} (a JSON array or NDJSON file of reference rows with the same
 * columns), {@code reference_label_column} (the label column of the reference rows, default {@code label_column};
 * without reference rows, the feature_stats column of the reference labels, default the prediction column: a model
 * logged with its training set has its label statistics under its output's name), {@code reference_<metric>}
 * (a baseline value, overriding the reference rows'), {@code suspected_drop} (0.05), {@code detected_drop} (0.10),
 * {@code calibration} (isotonic | none), {@code band_sigmas} (3), {@code min_rows} (100, else the project's
 * setting), {@code psi_potential} (0.1), {@code psi_detected} (0.25), {@code ks_alpha} (0.05),
 * {@code chi_square_alpha} (0.05). Without reference rows (no {@code reference_path}, no frame given) the reference
 * is the scored validation set logged with the endpoint's model ({@link MonitoringContext#validationSet()}), its
 * label, prediction and probability column names taking the place of {@code reference_label_column},
 * {@code prediction_column} and {@code probability_columns} where the params do not set them. Thread-safe; the reference's metrics and CBPE fit are computed once per output
 * layout.
 */
public final class ModelPerformanceApp implements MonitoringApplication {
    /** The registered name. */
    public static final String NAME = "model-performance";
    /** Metric: the share of the window's rows with a label. */
    public static final String LABEL_COVERAGE = "label_coverage";
    /** Metric: the number of the window's rows with a label. */
    public static final String LABELLED_ROWS = "labelled_rows";
    /** Concept-drift result of the labels. */
    public static final String LABEL_DRIFT = "label_drift";
    /** Concept-drift result of the predictions. */
    public static final String PREDICTION_DRIFT = "prediction_drift";
    /** The prefix of estimated results. */
    public static final String ESTIMATED_PREFIX = "estimated_";
    /** The artifact's name. */
    public static final String CONFUSION_MATRIX = "confusion_matrix";
    /** At most this many (validation set, output layout) references are kept; more clear the cache. */
    static final int MAX_REFERENCES = 64;
    private final Map<String, String> params;
    private final PerformanceOptions options;
    private final SampleFrame reference;
    private final Map<String, Resolved> references = new ConcurrentHashMap<>();

    /** With the defaults and no reference rows. */
    public ModelPerformanceApp() {
        this(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming a bad param, or a {@code reference_path} that cannot be read
     */
    public ModelPerformanceApp(Map<String, String> params) {
        this(params, null);
    }

    /**
     * With reference rows given directly (they take the place of {@code reference_path}).
     *
     * @param reference the labelled reference rows (validation set with predictions), or null
     */
    public ModelPerformanceApp(Map<String, String> params, SampleFrame reference) {
        this.params = Map.copyOf(params);
        this.options = PerformanceOptions.parse(params);
        this.reference = reference != null ? reference
                : options.referencePath() == null ? null : ReferenceRows.read(Path.of(options.referencePath()));
    }

    /** The minimum number of evaluated rows of a verdict. */
    public int minRows() {
        return options.minRows();
    }

    @Override
    public AppOutput doTracking(MonitoringContext context) {
        SampleFrame frame = context.sampleFrame();
        if (frame.rowCount() == 0) {
            return AppOutput.none();
        }
        List<String> outputs = context.labelNames();
        ValidationSet vs = reference == null ? context.validationSet().orElse(null) : null;
        String key = (vs == null ? "" : vs.id()) + "\u0001" + String.join("\u0000", outputs);
        if (references.size() >= MAX_REFERENCES && !references.containsKey(key)) {
            references.clear();
        }
        Resolved res = references.computeIfAbsent(key, k -> vs == null ? resolve(options, reference, outputs)
                : resolve(withValidationSet(vs), ReferenceRows.read(vs.rows()), outputs));
        PerformanceOptions o = res.options();
        PerformanceRows w = PerformanceRows.of(frame, o, o.labelColumn(), outputs, res.task());
        PerformanceResults out = new PerformanceResults(o, res.reference(), w.rows(), w.labelled());
        if (w.task() == Task.REGRESSION) {
            regression(w, out);
        } else {
            classification(context, w, res.reference(), out);
        }
        drift(context, res, w, out, outputs);
        return AppOutput.of(out.results(), out.metrics());
    }

    /**
     * The task (AUTO only without reference rows: then each window decides), the reference and the options of an
     * output layout (with a validation set: its column names under the app's own params).
     */
    private record Resolved(Task task, PerformanceReference reference, PerformanceOptions options, ConceptDrift drift) {
    }

    /** The params with the validation set's column names where the app's params do not set them. */
    private PerformanceOptions withValidationSet(ValidationSet vs) {
        Map<String, String> merged = new HashMap<>();
        merged.put("reference_label_column", vs.labelColumn());
        if (vs.predictionColumn() != null) {
            merged.put("prediction_column", vs.predictionColumn());
        }
        if (vs.probabilityColumns() != null) {
            merged.put("probability_columns", vs.probabilityColumns());
        }
        merged.putAll(params);
        return PerformanceOptions.parse(merged);
    }

    private static Resolved resolve(PerformanceOptions o, SampleFrame rows, List<String> outputs) {
        if (rows == null) {
            return new Resolved(o.task(), PerformanceReference.ofParams(o), o, new ConceptDrift(o));
        }
        String label = o.referenceLabelColumn() != null ? o.referenceLabelColumn() : o.labelColumn();
        PerformanceRows r = PerformanceRows.of(rows, o, label, outputs, o.task());
        return new Resolved(r.task(), PerformanceReference.of(r, o), o, new ConceptDrift(o));
    }

    private static void regression(PerformanceRows w, PerformanceResults out) {
        int[] idx = w.evaluableRows();
        if (idx.length > 0) {
            out.realized(RegressionMetrics.evaluate(PerformanceRows.pick(w.trueValues(), idx),
                    PerformanceRows.pick(w.predValues(), idx)).byName(), idx.length);
        }
    }

    private static void classification(MonitoringContext context, PerformanceRows w, PerformanceReference ref,
                                       PerformanceResults out) {
        int[] idx = w.evaluableRows();
        ClassificationReport report = null;
        if (idx.length > 0) {
            report = ClassificationMetrics.evaluate(PerformanceRows.pick(w.trueKeys(), idx),
                    PerformanceRows.pick(w.predKeys(), idx),
                    w.proba() == null ? null : PerformanceRows.pick(w.proba(), idx), w.classes());
            out.realized(report.byName(), idx.length);
            out.perClass(report);
        }
        Cbpe.Estimate est = null;
        if (ref.cbpe() != null && w.proba() != null && w.classes().equals(ref.cbpe().classes())) {
            est = ref.cbpe().estimate(w.predKeys(), w.proba());
            out.estimated(est, report == null ? Map.of() : report.byName());
        }
        if (report != null || (est != null && est.rows() > 0)) {
            context.logArtifact(CONFUSION_MATRIX, "application/json", PerformanceResults.confusionArtifact(
                    report == null ? null : report.confusion(), est == null || est.rows() == 0 ? null : est.expected()));
        }
    }

    private static void drift(MonitoringContext context, Resolved res, PerformanceRows w, PerformanceResults out,
                              List<String> outputs) {
        PerformanceOptions options = res.options();
        PerformanceReference ref = res.reference();
        ConceptDrift drift = res.drift();
        Set<String> names = new HashSet<>(context.sampleFrame().columnNames());
        String pred = PerformanceRows.predictionColumn(options, outputs, names);
        String statsColumn = options.referenceLabelColumn() != null ? options.referenceLabelColumn()
                : pred != null ? pred : outputs.isEmpty() ? null : outputs.getFirst();
        ColumnStats labelStats = statsColumn == null ? null : context.featureStats().get(statsColumn).orElse(null);
        ColumnStats predStats = pred == null ? null : context.featureStats().get(pred).orElse(null);
        boolean cls = w.task() == Task.CLASSIFICATION;
        List<String> labels = cls ? w.trueKeys().stream().filter(java.util.Objects::nonNull).toList() : List.of();
        List<String> preds = cls ? w.predKeys().stream().filter(java.util.Objects::nonNull).toList() : List.of();
        double[] labelValues = cls ? new double[0] : finite(w.trueValues());
        double[] predValues = cls ? new double[0] : finite(w.predValues());
        drift.test(LABEL_DRIFT, w.task(), labels, labelValues, ref.labels(), labelStats).ifPresent(out::add);
        drift.test(PREDICTION_DRIFT, w.task(), preds, predValues, ref.predictions(), predStats).ifPresent(out::add);
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
