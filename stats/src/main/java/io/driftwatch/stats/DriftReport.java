package io.driftwatch.stats;

import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.stats.json.FeatureStatsJson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link HistogramDrift} for one window.
 *
 * @param features      per compared feature, in reference order
 * @param tvdMean       mean TVD over {@code features} (NaN if none)
 * @param hellingerMean mean Hellinger distance (NaN if none)
 * @param kldMean       mean symmetric KLD (NaN if none)
 * @param generalDrift  (tvdMean + hellingerMean) / 2 (NaN if none)
 * @param status        by the thresholds; {@link ResultStatus#IRRELEVANT} if no feature could be compared
 * @param currentStats  the window's statistics (MLRun's {@code current_stats}), reference features only
 * @param skipped       features not compared and why
 * @param rows          the window's row count
 */
public record DriftReport(Map<String, FeatureDrift> features, double tvdMean, double hellingerMean, double kldMean,
                          double generalDrift, ResultStatus status, FeatureStats currentStats,
                          Map<String, SkipReason> skipped, long rows) {
    /** The result name, as MLRun. */
    public static final String RESULT_NAME = "general_drift";

    public DriftReport {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    static DriftReport of(Map<String, FeatureDrift> features, DriftThresholds thresholds, FeatureStats window,
                          Map<String, SkipReason> skipped, long rows) {
        Map<String, io.driftwatch.ColumnStats> current = new LinkedHashMap<>(window.columns());
        current.keySet().removeIf(k -> skipped.get(k) == SkipReason.NOT_IN_REFERENCE);
        if (features.isEmpty()) {
            return new DriftReport(features, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ResultStatus.IRRELEVANT,
                    FeatureStats.of(current), skipped, rows);
        }
        double tvd = 0;
        double hellinger = 0;
        double kld = 0;
        for (FeatureDrift d : features.values()) {
            tvd += d.tvd();
            hellinger += d.hellinger();
            kld += d.kld();
        }
        int n = features.size();
        double general = (tvd / n + hellinger / n) / 2;
        ResultStatus status = thresholds.classify(Math.min(1, Math.max(0, general)));
        return new DriftReport(features, tvd / n, hellinger / n, kld / n, general, status, FeatureStats.of(current),
                skipped, rows);
    }

    /** True if at least one feature was compared (otherwise the window yields no result). */
    public boolean hasResult() {
        return !features.isEmpty();
    }

    /** The metrics {@code hellinger_mean}, {@code kld_mean}, {@code tvd_mean}; empty without a result. */
    public List<Metric> metrics() {
        if (!hasResult()) {
            return List.of();
        }
        return List.of(new Metric("hellinger_mean", hellingerMean), new Metric("kld_mean", kldMean),
                new Metric("tvd_mean", tvdMean));
    }

    /**
     * The {@code general_drift} result (kind data_drift) with extra_data {@code current_stats} (the §5 JSON form as
     * maps), {@code drift_measures}, {@code drift_status} (int) and, if any, {@code skipped_features}
     * ({feature: reason}); empty if no feature was compared.
     */
    public Optional<Result> result() {
        if (!hasResult()) {
            return Optional.empty();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("current_stats", FeatureStatsJson.toMap(currentStats));
        extra.put("drift_measures", driftMeasures());
        extra.put("drift_status", status.code());
        if (!skipped.isEmpty()) {
            Map<String, Object> s = new LinkedHashMap<>();
            skipped.forEach((k, v) -> s.put(k, v.wireName()));
            extra.put("skipped_features", s);
        }
        return Optional.of(new Result(RESULT_NAME, generalDrift, ResultKind.DATA_DRIFT, status, extra));
    }

    /** MLRun's {@code drift_measures}: {feature: {hellinger, kld, tvd}, ..., hellinger_mean, kld_mean, tvd_mean}. */
    public Map<String, Object> driftMeasures() {
        Map<String, Object> m = new LinkedHashMap<>();
        features.forEach((k, d) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("hellinger", d.hellinger());
            f.put("kld", d.kld());
            f.put("tvd", d.tvd());
            m.put(k, f);
        });
        if (hasResult()) {
            m.put("hellinger_mean", hellingerMean);
            m.put("kld_mean", kldMean);
            m.put("tvd_mean", tvdMean);
        }
        return m;
    }

    /** MLRun's {@code features_drift_results} artifact: {feature: (tvd + hellinger) / 2}. */
    public Map<String, Double> featureDrift() {
        Map<String, Double> m = new LinkedHashMap<>();
        features.forEach((k, d) -> m.put(k, d.drift()));
        return m;
    }
}
