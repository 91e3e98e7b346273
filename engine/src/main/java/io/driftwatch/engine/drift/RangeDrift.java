package io.driftwatch.engine.drift;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Result;
import io.driftwatch.ResultStatus;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.HistogramDrift;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.summary.SummaryStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Drift over any range of an endpoint from its stored cell summaries ({@link SampleStore#cellSummaries}), never
 * from its rows: the cells that start in the range are merged ({@link MergedRange}), then MLRun's histogram drift
 * (per feature TVD, Hellinger, KLD; general_drift with the project's thresholds) and, against the reference, the
 * {@code drift-tests} app's tests are computed from the merged summary. Equal to the same computation on the rows of
 * the covered span (histograms are exact; tests/statistics.md). Thread-safe.
 */
public final class RangeDrift {
    /** The longest range (or baseline range) a query may span. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    /** The most points a series may have. */
    public static final int MAX_POINTS = 10_000;
    private final SampleStore samples;

    public RangeDrift(SampleStore samples) {
        this.samples = Objects.requireNonNull(samples, "samples");
    }

    /**
     * The drift of {@code range} against {@code baseline}.
     *
     * @throws IllegalArgumentException naming the problem when a range is longer than {@link #MAX_RANGE}
     */
    public RangeDriftReport compare(ModelEndpoint ep, Window range, Baseline baseline, DriftSettings settings) {
        requireLength("range", range);
        Optional<Window> baseRange = baseline.rangeFor(range);
        baseRange.ifPresent(w -> requireLength("baseline range", w));
        if (baseline.kind() == Baseline.Kind.PREVIOUS && baseRange.isPresent()) {
            // the previous range ends where this one starts: one read of the cells of both
            CellIndex cells = new CellIndex(samples.cellSummaries(ep.metadata().project(), ep.uid(),
                    new Window(baseRange.get().start(), range.end())));
            return measure(ep, cells.merge(range), baseline, Optional.of(cells.merge(baseRange.get())), settings,
                    true);
        }
        MergedRange current = merge(ep, range);
        Optional<MergedRange> base = baseRange.map(w -> merge(ep, w));
        return measure(ep, current, baseline, base, settings, true);
    }

    /**
     * One report per bucket of {@code range} (see {@link Granularity}), each against {@code baseline}: the
     * reference, the preceding bucket of equal length ({@code previous}) or one explicit range. No drift tests.
     *
     * @throws IllegalArgumentException naming the problem when the range is too long or has too many points
     */
    public List<RangeDriftReport> series(ModelEndpoint ep, Window range, Granularity granularity, Baseline baseline,
                                         DriftSettings settings) {
        requireLength("range", range);
        Duration lookBack = baseline.kind() == Baseline.Kind.PREVIOUS
                ? granularity.length().orElse(Duration.ofDays(1)) : Duration.ZERO;
        CellIndex cells = new CellIndex(samples.cellSummaries(ep.metadata().project(), ep.uid(),
                new Window(range.start().minus(lookBack), range.end())));
        List<Window> buckets = cells.buckets(range, granularity);
        if (buckets.size() > MAX_POINTS) {
            throw new IllegalArgumentException("the series would have " + buckets.size() + " points, more than "
                    + MAX_POINTS + ": choose a shorter range or a coarser granularity");
        }
        Optional<MergedRange> fixed = fixedBaseline(ep, baseline);
        List<RangeDriftReport> out = new ArrayList<>(buckets.size());
        for (Window b : buckets) {
            Optional<MergedRange> base = baseline.kind() == Baseline.Kind.PREVIOUS
                    ? baseline.rangeFor(b).map(cells::merge) : fixed;
            out.add(measure(ep, cells.merge(b), baseline, base, settings, false));
        }
        return out;
    }

    /** The merged explicit baseline range of a series (the same for every point); empty for the other kinds. */
    private Optional<MergedRange> fixedBaseline(ModelEndpoint ep, Baseline baseline) {
        if (baseline.kind() != Baseline.Kind.RANGE) {
            return Optional.empty();
        }
        requireLength("baseline range", baseline.range());
        return Optional.of(merge(ep, baseline.range()));
    }

    private MergedRange merge(ModelEndpoint ep, Window range) {
        return MergedRange.of(range, samples.cellSummaries(ep.metadata().project(), ep.uid(), range));
    }

    private static void requireLength(String what, Window w) {
        if (w.length().compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException(what + " " + w.start() + "/" + w.end() + " spans "
                    + w.length().toDays() + " days, more than the " + MAX_RANGE.toDays() + " days a query may span");
        }
    }

    private static RangeDriftReport measure(ModelEndpoint ep, MergedRange current, Baseline baseline,
                                            Optional<MergedRange> base, DriftSettings settings, boolean withTests) {
        HistogramDrift hd = HistogramDrift.create(settings.thresholds());
        FeatureStats ref = Histograms.pad(ep.status().featureStats());
        List<String> notes = new ArrayList<>();
        if (ref.isEmpty()) {
            notes.add("the endpoint has no feature_stats (reference statistics): summaries hold no histograms");
            return new RangeDriftReport(current, baseline, base, hd.compare(ref, FeatureStats.empty()),
                    ResultStatus.IRRELEVANT, Optional.empty(), notes);
        }
        Optional<FeatureStats> now = SummaryStats.driftStats(current.summary(), ref);
        Optional<FeatureStats> then = base.isEmpty() ? Optional.of(ref)
                : SummaryStats.driftStats(base.get().summary(), ref);
        if (now.isEmpty() || then.isEmpty()) {
            notes.add("some cells were summarised on other histogram edges than the current reference's (the "
                    + "reference changed, or a column mixes numbers and strings): no drift from summaries");
        }
        DriftReport drift = hd.compare(then.orElse(ref), now.orElse(FeatureStats.empty()));
        ResultStatus status = status(drift, current, base, settings, notes);
        Optional<List<Result>> tests = withTests && base.isEmpty() && now.isPresent()
                ? settings.tests().resultsFromSummary(ref, current.summary()) : Optional.empty();
        return new RangeDriftReport(current, baseline, base, drift, status, tests, notes);
    }

    private static ResultStatus status(DriftReport drift, MergedRange current, Optional<MergedRange> base,
                                       DriftSettings settings, List<String> notes) {
        if (current.rows() < settings.minRows()) {
            notes.add("the range has " + current.rows() + " rows, fewer than min_rows " + settings.minRows());
            return ResultStatus.IRRELEVANT;
        }
        if (base.isPresent() && base.get().rows() < settings.minRows()) {
            notes.add("the baseline has " + base.get().rows() + " rows, fewer than min_rows " + settings.minRows());
            return ResultStatus.IRRELEVANT;
        }
        return drift.status();
    }
}
