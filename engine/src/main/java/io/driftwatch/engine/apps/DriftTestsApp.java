package io.driftwatch.engine.apps;

import io.driftwatch.AppOutput;
import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.NumericStats;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.SampleFrame;
import io.driftwatch.stats.drift.CategoricalDriftTest;
import io.driftwatch.stats.drift.DriftTests;
import io.driftwatch.stats.drift.NumericDriftTest;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in app {@code drift-tests}: per feature, statistical two-sample tests between the reference and the
 * window (the stats module's {@link DriftTests}): numeric features KS, normed Wasserstein, PSI and Jensen–Shannon
 * on reference-decile bins; categorical features chi-square, PSI and Jensen–Shannon. One result of kind
 * {@code data_drift} per feature (named after it, made a valid result name), value = the share of its tests that
 * found drift, status {@code detected} when at least half did, {@code potential_detection} when some did; and
 * {@code drifted_features_share} = the share of features detected, status {@code detected} at
 * ≥ {@code drift_share}, {@code potential_detection} above 0. extra_data holds each test's statistic, p-value,
 * threshold and status; the runner adds the window's {@code rows}.
 *
 * <p>The reference is the endpoint's {@code feature_stats} (the training set is not kept row by row): a numeric
 * feature's training histogram is expanded (each of its 20 bins' count at the bin's midpoint) and the window's values
 * inside the training range are mapped to the midpoint of their bin, so every numeric test compares both sides at
 * the histogram's resolution (values outside the range keep their value);
 * a categorical feature's category counts are used as they are (window values outside the reference's top
 * categories count as {@code __other__} when the reference has that bucket).
 *
 * <p>Params (defaults from peer-defaults.md, Evidently and industry PSI bands; docs/statistics.md):
 * {@code ks_alpha} 0.05, {@code chi_square_alpha} 0.05, {@code wasserstein_threshold} 0.1,
 * {@code jensen_shannon_threshold} 0.1, {@code psi_potential} 0.1, {@code psi_detected} 0.25,
 * {@code drift_share} 0.5, {@code min_rows} 100 (else the project's setting): a smaller window gets one
 * {@code drifted_features_share} result of status {@code irrelevant}, no alert. Stateless and thread-safe.
 */
public final class DriftTestsApp implements MonitoringApplication {
    /** The overall result's name. */
    public static final String DRIFTED_FEATURES_SHARE = "drifted_features_share";
    private static final String APP = "drift-tests";
    private final List<NumericDriftTest> numeric;
    private final List<CategoricalDriftTest> categorical;
    private final double driftShare;
    private final int minRows;

    /** With the default thresholds. */
    public DriftTestsApp() {
        this(Map.of());
    }

    /** @throws IllegalArgumentException naming the param that is not a number or out of its range */
    public DriftTestsApp(Map<String, String> params) {
        double ks = MinRows.number(APP, params, "ks_alpha", DriftTests.DEFAULT_ALPHA);
        double chi = MinRows.number(APP, params, "chi_square_alpha", DriftTests.DEFAULT_ALPHA);
        double ws = MinRows.number(APP, params, "wasserstein_threshold", DriftTests.DEFAULT_DISTANCE_THRESHOLD);
        double js = MinRows.number(APP, params, "jensen_shannon_threshold", DriftTests.DEFAULT_DISTANCE_THRESHOLD);
        double psiP = MinRows.number(APP, params, "psi_potential", DriftTests.DEFAULT_PSI_POTENTIAL);
        double psiD = MinRows.number(APP, params, "psi_detected", DriftTests.DEFAULT_PSI_DETECTED);
        this.driftShare = MinRows.number(APP, params, "drift_share", 0.5);
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new IllegalArgumentException(APP + " param drift_share=" + driftShare + " must be in (0, 1]");
        }
        this.numeric = List.of(DriftTests.ks(ks), DriftTests.wasserstein(ws), DriftTests.psiNumeric(psiP, psiD),
                DriftTests.jensenShannonNumeric(js));
        this.categorical = List.of(DriftTests.chiSquare(chi), DriftTests.psi(psiP, psiD),
                DriftTests.jensenShannon(js));
        this.minRows = MinRows.parse(APP, params);
    }

    /** The minimum window size of a verdict. */
    public int minRows() {
        return minRows;
    }

    @Override
    public AppOutput doTracking(MonitoringContext context) {
        FeatureStats reference = context.featureStats();
        if (reference.isEmpty()) {
            context.logger().log(System.Logger.Level.WARNING, "endpoint {0} has no feature_stats (reference "
                    + "statistics): drift tests skipped", context.endpoint().uid());
            return AppOutput.none();
        }
        SampleFrame frame = context.sampleFrame();
        Optional<Result> tooFew = MinRows.tooFew(DRIFTED_FEATURES_SHARE, frame.rowCount(), minRows);
        if (tooFew.isPresent()) {
            return AppOutput.of(tooFew.get());
        }
        List<FeatureTests> features = WindowContext.summaryOf(context)
                .flatMap(s -> SummaryDriftTests.run(reference, s, numeric, categorical))
                .orElseGet(() -> run(reference, frame));
        if (features.isEmpty()) {
            return AppOutput.none();
        }
        return AppOutput.of(results(features), List.of());
    }

    /**
     * This app's results for the rows a summary stands for (drift over a range, no row read): the same per-feature
     * results and {@code drifted_features_share} as {@link #doTracking}, without the min_rows check; empty when a
     * tested column cannot be taken from the summary (the rows would be needed) or no feature could be tested.
     */
    public Optional<List<Result>> resultsFromSummary(FeatureStats reference, WindowSummary summary) {
        return SummaryDriftTests.run(reference, summary, numeric, categorical)
                .filter(f -> !f.isEmpty()).map(this::results);
    }

    private List<Result> results(List<FeatureTests> features) {
        List<Result> results = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (FeatureTests f : features) {
            results.add(featureResult(f, names));
        }
        results.add(overall(features));
        return results;
    }

    private List<FeatureTests> run(FeatureStats reference, SampleFrame frame) {
        Set<String> columns = new HashSet<>(frame.columnNames());
        List<FeatureTests> out = new ArrayList<>();
        for (Map.Entry<String, ColumnStats> e : reference.columns().entrySet()) {
            String name = e.getKey();
            if (!columns.contains(name)) {
                continue;
            }
            if (e.getValue() instanceof NumericStats n && n.count() > 0) {
                out.add(FeatureTests.numeric(name, n, frame.numeric(name), numeric));
            } else if (e.getValue() instanceof CategoricalStats c && !c.categories().isEmpty()) {
                out.add(FeatureTests.categorical(name, c, frame.values(name), categorical));
            }
        }
        return out;
    }

    private static Result featureResult(FeatureTests f, Set<String> taken) {
        String name = resultName(f.feature());
        while (!taken.add(name) || name.equals(DRIFTED_FEATURES_SHARE)) {
            name = name + "_";
        }
        double share = f.driftShare();
        return new Result(name, Double.isNaN(share) ? 0.0 : share, ResultKind.DATA_DRIFT, f.status(),
                f.extraData());
    }

    /** A valid result name ({@code [a-zA-Z_][a-zA-Z0-9_]*}) for a feature name. */
    static String resultName(String feature) {
        String s = feature.replaceAll("[^a-zA-Z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private Result overall(List<FeatureTests> features) {
        long relevant = features.stream().filter(f -> f.status() != ResultStatus.IRRELEVANT).count();
        long drifted = features.stream().filter(FeatureTests::drifted).count();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("features", relevant);
        extra.put("drifted_features", features.stream().filter(FeatureTests::drifted).map(FeatureTests::feature)
                .toList());
        extra.put("drift_share_threshold", driftShare);
        if (relevant == 0) {
            extra.put("reason", "no feature could be tested");
            return new Result(DRIFTED_FEATURES_SHARE, 0.0, ResultKind.DATA_DRIFT, ResultStatus.IRRELEVANT, extra);
        }
        double share = (double) drifted / relevant;
        ResultStatus status = share >= driftShare ? ResultStatus.DETECTED
                : share > 0 ? ResultStatus.POTENTIAL_DETECTION : ResultStatus.NO_DETECTION;
        return new Result(DRIFTED_FEATURES_SHARE, share, ResultKind.DATA_DRIFT, status, extra);
    }
}
