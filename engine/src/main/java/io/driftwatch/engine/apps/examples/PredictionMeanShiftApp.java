package io.driftwatch.engine.apps.examples;

import io.driftwatch.AppOutput;
import io.driftwatch.ColumnStats;
import io.driftwatch.Metric;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Example user app: how far the window's mean prediction moved from the training mean, in training standard
 * deviations: {@code shift = |mean(window) − mean(reference)| / std(reference)}. Result {@code prediction_mean_shift}
 * (kind model_performance): detected if shift ≥ {@code detected_shift} (default 2), potential if ≥
 * {@code potential_shift} (default 1). Metrics {@code prediction_mean} and {@code reference_mean}.
 *
 * <p>Params: {@code column} (default: the endpoint's first label column), {@code potential_shift},
 * {@code detected_shift}. No output (and a log line) when the column has no reference statistics or no values in the
 * window. Stateless, so thread-safe. Register it with class name
 * {@code io.driftwatch.engine.apps.examples.PredictionMeanShiftApp}.
 */
public final class PredictionMeanShiftApp implements MonitoringApplication {
    private final String column;
    private final double potential;
    private final double detected;

    public PredictionMeanShiftApp() {
        this(Map.of());
    }

    public PredictionMeanShiftApp(Map<String, String> params) {
        this.column = params.get("column");
        this.potential = number(params, "potential_shift", 1.0);
        this.detected = number(params, "detected_shift", 2.0);
        if (!(potential > 0 && potential < detected)) {
            throw new IllegalArgumentException("need 0 < potential_shift < detected_shift, got "
                    + potential + " and " + detected);
        }
    }

    private static double number(Map<String, String> params, String key, double dflt) {
        String v = params.get(key);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param " + key + "='" + v + "' is not a number", e);
        }
    }

    @Override
    public AppOutput doTracking(MonitoringContext context) {
        Optional<String> col = Optional.ofNullable(column).or(() -> context.labelNames().stream().findFirst());
        if (col.isEmpty()) {
            context.logger().log(System.Logger.Level.INFO, "no label column and no 'column' param: nothing to do");
            return AppOutput.none();
        }
        Optional<ColumnStats> ref = context.featureStats().get(col.get());
        if (!(ref.orElse(null) instanceof NumericStats r) || r.count() < 2 || !(r.std() > 0)) {
            context.logger().log(System.Logger.Level.INFO, "no usable reference statistics for {0}", col.get());
            return AppOutput.none();
        }
        if (context.sampleFrame().rowCount() == 0 || !context.sampleFrame().columnNames().contains(col.get())) {
            return AppOutput.none();
        }
        double sum = 0;
        long n = 0;
        for (double v : context.sampleFrame().numeric(col.get())) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return AppOutput.none();
        }
        double mean = sum / n;
        double shift = Math.abs(mean - r.mean()) / r.std();
        ResultStatus status = shift >= detected ? ResultStatus.DETECTED
                : shift >= potential ? ResultStatus.POTENTIAL_DETECTION : ResultStatus.NO_DETECTION;
        Result result = new Result("prediction_mean_shift", shift, ResultKind.MODEL_PERFORMANCE, status,
                Map.of("column", col.get(), "window_mean", mean, "reference_mean", r.mean(), "reference_std", r.std(),
                        "rows", n));
        return AppOutput.of(List.of(result),
                List.of(new Metric("prediction_mean", mean), new Metric("reference_mean", r.mean())));
    }
}
