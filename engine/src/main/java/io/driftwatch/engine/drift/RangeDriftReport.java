package io.driftwatch.engine.drift;

import io.driftwatch.Result;
import io.driftwatch.ResultStatus;
import io.driftwatch.stats.DriftReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift of one range against its baseline.
 *
 * @param current       the range's merged cells
 * @param baseline      what it was compared with
 * @param baselineRange the baseline's merged cells (empty for the reference)
 * @param drift         MLRun's histogram drift (per feature tvd, hellinger, kld; means; general_drift)
 * @param status        the drift's status by the project's thresholds; {@code irrelevant} with fewer rows than
 *                      {@code min_rows} or when no feature could be compared
 * @param tests         the drift-tests app's results from the summary (against the reference only)
 * @param notes         why something is missing (no reference, too few rows, ...)
 */
public record RangeDriftReport(MergedRange current, Baseline baseline, Optional<MergedRange> baselineRange,
                               DriftReport drift, ResultStatus status, Optional<List<Result>> tests,
                               List<String> notes) {
    public RangeDriftReport {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(drift, "drift");
        notes = List.copyOf(notes);
    }
}
