package io.driftwatch.engine.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.AppOutput;
import io.driftwatch.FeatureStats;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.Result;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.DriftThresholds;
import io.driftwatch.stats.HistogramDrift;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in default app {@code histogram-data-drift} (DESIGN.md §6, MLRun's HistogramDataDriftApplication):
 * per feature TVD, Hellinger and symmetric KLD between the window's and the reference's padded histograms (the
 * stats module's {@link HistogramDrift}); metrics {@code hellinger_mean}, {@code kld_mean}, {@code tvd_mean}; result
 * {@code general_drift} = (tvd_mean + hellinger_mean) / 2, kind data_drift, status by the thresholds; extra_data
 * {@code current_stats}, {@code drift_measures}, {@code drift_status}. Artifacts per window:
 * {@code features_drift_results} (JSON {feature: (tvd + hellinger) / 2}) and {@code drift_table_plot} (a
 * self-contained HTML page). No reference statistics → a warning and no output. Stateless and thread-safe.
 *
 * <p>Params: {@code potential_threshold} (default 0.5), {@code detected_threshold} (default 0.7),
 * {@code 0 < potential < detected < 1}; {@code min_rows} (default 100, else the project's setting): a window with
 * fewer rows gets {@code general_drift} of status {@code irrelevant} with the reason in extra_data, and no alert. Cost: the window statistics (shared with other apps of the window) plus
 * ~1 µs per feature, plus the HTML page (~3 KB per feature).
 */
public final class HistogramDataDriftApp implements MonitoringApplication {
    /** Name of the JSON artifact. */
    public static final String FEATURES_DRIFT_RESULTS = "features_drift_results";
    /** Name of the HTML artifact. */
    public static final String DRIFT_TABLE_PLOT = "drift_table_plot";
    /** The result name, MLRun's. */
    public static final String GENERAL_DRIFT = "general_drift";
    private static final String APP = ApplicationRegistry.HISTOGRAM_DATA_DRIFT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HistogramDrift drift;
    private final int minRows;

    /** With MLRun's thresholds 0.5 / 0.7. */
    public HistogramDataDriftApp() {
        this(Map.of());
    }

    /**
     * @throws IllegalArgumentException if a threshold is not a number or they violate 0 &lt; potential &lt; detected &lt; 1
     */
    public HistogramDataDriftApp(Map<String, String> params) {
        double potential = MinRows.number(APP, params, "potential_threshold", DriftThresholds.DEFAULT.potential());
        double detected = MinRows.number(APP, params, "detected_threshold", DriftThresholds.DEFAULT.detected());
        this.drift = HistogramDrift.create(new DriftThresholds(potential, detected));
        this.minRows = MinRows.parse(APP, params);
    }

    /** The minimum window size of a verdict. */
    public int minRows() {
        return minRows;
    }

    public DriftThresholds thresholds() {
        return drift.thresholds();
    }

    @Override
    public AppOutput doTracking(MonitoringContext context) {
        FeatureStats reference = context.featureStats();
        if (reference.isEmpty()) {
            context.logger().log(System.Logger.Level.WARNING, "endpoint {0} has no feature_stats (reference "
                    + "statistics): histogram data drift skipped", context.endpoint().uid());
            return AppOutput.none();
        }
        int rows = context.sampleFrame().rowCount();
        Optional<Result> tooFew = MinRows.tooFew(GENERAL_DRIFT, rows, minRows);
        if (tooFew.isPresent()) {
            return AppOutput.of(tooFew.get());
        }
        DriftReport report = drift.compare(reference, context.sampleStats());
        Optional<Result> result = report.result();
        if (result.isEmpty()) {
            context.logger().log(System.Logger.Level.WARNING, "window of endpoint {0} has no feature comparable with "
                    + "the reference ({1}): no drift result", context.endpoint().uid(), report.skipped());
            return AppOutput.none();
        }
        logArtifacts(context, reference, report);
        return AppOutput.of(List.of(result.get()), report.metrics());
    }

    private void logArtifacts(MonitoringContext context, FeatureStats reference, DriftReport report) {
        try {
            context.logArtifact(FEATURES_DRIFT_RESULTS, "application/json",
                    JSON.writeValueAsBytes(report.featureDrift()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise features_drift_results", e);
        }
        String html = DriftTablePage.render(context.endpoint(), context.window(), reference, report,
                drift.thresholds());
        context.logArtifact(DRIFT_TABLE_PLOT, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
