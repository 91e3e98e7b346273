package io.driftwatch.stats;

import io.driftwatch.FeatureStats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statistics of a frame ({@link #stats()}, MLRun's {@code feature_stats} or {@code current_stats}) together
 * with what each column left out ({@link #excluded()}) and the columns that got no statistics ({@link #skipped()}).
 *
 * @param stats    per-column statistics in column order
 * @param excluded per described column: nulls, NaN, ±Inf left out (see {@link ExcludedValues})
 * @param skipped  columns without statistics and why (window statistics only; empty for a reference)
 * @param rows     the number of rows of the frame
 */
public record DataProfile(FeatureStats stats, Map<String, ExcludedValues> excluded, Map<String, SkipReason> skipped,
                          long rows) {
    public DataProfile {
        excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** What the named column left out; {@link ExcludedValues#NONE} if it was not described. */
    public ExcludedValues excluded(String column) {
        return excluded.getOrDefault(column, ExcludedValues.NONE);
    }
}
