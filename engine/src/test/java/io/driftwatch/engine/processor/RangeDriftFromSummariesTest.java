package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.drift.Baseline;
import io.driftwatch.engine.drift.DriftSettings;
import io.driftwatch.engine.drift.Granularity;
import io.driftwatch.engine.drift.RangeDrift;
import io.driftwatch.engine.drift.RangeDriftReport;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.FeatureDrift;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.HistogramDrift;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.Statistics;
import io.driftwatch.NumericStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.EndpointId;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 pt 3: a week of generated events goes through the real stream processor (which writes per-cell summaries
 * with the rows); the drift of any range, of a series of days and against the previous range, computed by
 * {@link RangeDrift} from the merged summaries, equals MLRun's histogram drift computed from the raw rows of the
 * covered span to 1e-12 — and the range queries read no row (a store wrapper counts reads and exports).
 */
class RangeDriftFromSummariesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private static final Instant WEEK = NOW.minus(Duration.ofDays(7));
    private static final String UID = EndpointId.of("proj", "proj/serving", "m", null);
    private Harness h;
    private ModelEndpoint ep;
    private final AtomicInteger rowReads = new AtomicInteger();
    private final AtomicInteger summaryReads = new AtomicInteger();
    private RangeDrift drift;

    @BeforeEach
    void aWeekThroughTheProcessor() throws Exception {
        h = new Harness(NOW);
        Random rnd = new Random(17);
        List<Map<String, Object>> training = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            training.add(Map.of("x", rnd.nextGaussian(), "c", rnd.nextInt(4) == 0 ? "b" : "a"));
        }
        FeatureStats ref = Statistics.reference(Frame.fromMaps(training)).stats();
        h.projects.putModel(new ProjectRecords.ModelRecord("proj", "m", "1", "sklearn", "y", null,
                List.of("x", "c"), List.of("y"), ref, NOW));
        h.projects.putMonitoringSettings(new ProjectRecords.MonitoringSettings("proj", true,
                Duration.ofMinutes(10), Map.of()));
        List<String> events = new ArrayList<>();
        for (int hour = 0; hour < 7 * 24; hour++) {
            double shift = hour / 48.0; // drifts day by day
            for (int e = 0; e < 3; e++) {
                Instant t = WEEK.plus(Duration.ofMinutes(hour * 60L + e * 17L + 1));
                StringBuilder in = new StringBuilder("[");
                StringBuilder out = new StringBuilder("[");
                for (int r = 0; r < 8; r++) {
                    double x = rnd.nextGaussian() + shift + (r == 0 && e == 0 ? 9 : 0); // some overflow values
                    String c = rnd.nextInt(3) == 0 ? "b" : rnd.nextInt(5) == 0 ? "z" : "a";
                    in.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,\"%s\"]", x, c));
                    out.append(r == 0 ? "" : ",").append(rnd.nextInt(2));
                }
                events.add(event("m", t, "r" + hour + "-" + e, 1000, in + "]", out + "]"));
            }
        }
        h.append(events);
        StreamProcessorTest.drain(h, h.processor());
        ep = h.endpoints.get("proj", UID).orElseThrow();
        drift = new RangeDrift(counting(h.samples));
    }

    @Test
    void aWeekAgainstTheReferenceEqualsTheRawComputation() {
        RangeDriftReport r = drift.compare(ep, new Window(WEEK, NOW), Baseline.REFERENCE, DriftSettings.DEFAULT);
        assertThat(rowReads).as("rows read to merge a week").hasValue(0);
        assertThat(r.current().rows()).isEqualTo(7 * 24 * 3 * 8);
        assertThat(r.current().cells()).isEqualTo(7 * 24 * 3); // one 10-minute cell per event here
        Window covered = r.current().covered().orElseThrow(); // from the first cell's start, however cells are anchored
        assertThat(covered.start()).isBetween(WEEK, WEEK.plus(Duration.ofMinutes(1)));
        assertThat(covered.end()).isBeforeOrEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertSame(r.drift(), raw(r.current().covered().orElseThrow(), null));
        assertThat(r.drift().generalDrift()).isGreaterThan(0.3);
        assertThat(r.tests()).isPresent();
        assertThat(r.tests().get()).extracting(io.driftwatch.Result::name).contains("x", "c", "drifted_features_share");
    }

    @Test
    void theLastThreeDaysAgainstThePreviousThreeEqualTheRawComputation() {
        Window last = new Window(NOW.minus(Duration.ofDays(3)), NOW);
        int summaryReadsBefore = summaryReads.get();
        RangeDriftReport r = drift.compare(ep, last, Baseline.PREVIOUS, DriftSettings.DEFAULT);
        assertThat(rowReads).hasValue(0);
        assertThat(summaryReads.get() - summaryReadsBefore).as("one read covers both ranges").isEqualTo(1);
        Window before = r.baselineRange().orElseThrow().covered().orElseThrow();
        assertThat(before.start()).isBetween(NOW.minus(Duration.ofDays(6)), NOW.minus(Duration.ofDays(6)).plusSeconds(600));
        assertSame(r.drift(), raw(r.current().covered().orElseThrow(), before));
        assertThat(r.tests()).as("tests compare with the reference only").isEmpty();
    }

    @Test
    void aDailySeriesHasOnePointPerDayEachEqualToTheRawComputation() {
        List<RangeDriftReport> days = drift.series(ep, new Window(WEEK, NOW), Granularity.DAY, Baseline.REFERENCE,
                DriftSettings.DEFAULT);
        assertThat(rowReads).hasValue(0);
        assertThat(days).hasSize(7);
        for (int d = 0; d < 7; d++) {
            RangeDriftReport day = days.get(d);
            assertThat(day.current().requested().start()).isEqualTo(WEEK.plus(Duration.ofDays(d)));
            assertThat(day.current().rows()).isEqualTo(24 * 3 * 8);
            assertSame(day.drift(), raw(day.current().covered().orElseThrow(), null));
        }
        assertThat(days.getLast().drift().generalDrift()).isGreaterThan(days.getFirst().drift().generalDrift());
        List<RangeDriftReport> hours = drift.series(ep, new Window(WEEK, NOW), Granularity.HOUR, Baseline.PREVIOUS,
                DriftSettings.DEFAULT);
        assertThat(hours).hasSize(7 * 24);
        List<RangeDriftReport> windows = drift.series(ep, new Window(WEEK, NOW), Granularity.WINDOW,
                Baseline.REFERENCE, DriftSettings.DEFAULT);
        assertThat(windows).as("one point per stored cell").hasSize(7 * 24 * 3);
        assertThat(windows).allSatisfy(w -> assertThat(w.current().rows()).isEqualTo(8));
        assertSame(hours.get(30).drift(), raw(hours.get(30).current().covered().orElseThrow(),
                hours.get(30).baselineRange().orElseThrow().covered().orElseThrow()));
    }

    @Test
    void tooLongRangesAndTooManyPointsAreRefusedNamingTheProblem() {
        Window long401 = new Window(NOW.minus(Duration.ofDays(401)), NOW);
        assertThatThrownBy(() -> drift.compare(ep, long401, Baseline.REFERENCE, DriftSettings.DEFAULT))
                .hasMessageContaining("401 days").hasMessageContaining("400");
        assertThatThrownBy(() -> drift.series(ep, new Window(WEEK, NOW), Granularity.HOUR, Baseline.of(long401),
                DriftSettings.DEFAULT)).hasMessageContaining("baseline range").hasMessageContaining("401 days");
        assertThatThrownBy(() -> Granularity.parse("month")).hasMessageContaining("'month'")
                .hasMessageContaining("hour, day, week or window");
    }

    @Test
    void cellsAreTakenByTheirStartSoAnyAnchoringWorks() {
        // cells anchored at :03 (not on the epoch grid): the range [00:00, 01:00) takes the cells starting in it
        Instant t0 = Instant.parse("2026-12-01T00:03:00Z");
        List<CellSummary> cells = h.samples.cellSummaries("proj", UID, new Window(WEEK, NOW)).subList(0, 4);
        List<CellSummary> shifted = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Window w = Window.of(t0.plus(Duration.ofMinutes(20L * i - 20)), Duration.ofMinutes(20));
            shifted.add(new CellSummary("proj", UID, CellSummary.hourOf(w.start()), w, cells.get(i).summary()));
        }
        var merged = io.driftwatch.engine.drift.MergedRange.of(
                new Window(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T01:00:00Z")), shifted);
        assertThat(merged.cells()).isEqualTo(3);
        assertThat(merged.excludedCells()).as("the cell from 23:43 to 00:03").isEqualTo(1);
        assertThat(merged.covered().orElseThrow()).isEqualTo(new Window(t0, t0.plus(Duration.ofMinutes(60))));
        assertThat(merged.rows()).isEqualTo(cells.subList(1, 4).stream().mapToLong(c -> c.summary().rows()).sum());
    }

    private static void assertSame(DriftReport fromSummaries, DriftReport fromRows) {
        assertThat(fromSummaries.features().keySet()).isEqualTo(fromRows.features().keySet()).contains("x", "c");
        for (Map.Entry<String, FeatureDrift> e : fromRows.features().entrySet()) {
            FeatureDrift a = fromSummaries.features().get(e.getKey());
            assertThat(a.tvd()).as(e.getKey() + " tvd").isCloseTo(e.getValue().tvd(), within(1e-12));
            assertThat(a.hellinger()).as(e.getKey() + " hellinger").isCloseTo(e.getValue().hellinger(), within(1e-12));
            assertThat(a.kld()).as(e.getKey() + " kld").isCloseTo(e.getValue().kld(), within(1e-12));
        }
        assertThat(fromSummaries.generalDrift()).isCloseTo(fromRows.generalDrift(), within(1e-12));
        assertThat(fromSummaries.status()).isEqualTo(fromRows.status());
    }

    /** MLRun's histogram drift of the raw rows of {@code span} against the reference or the rows of {@code base}. */
    private DriftReport raw(Window span, Window base) {
        FeatureStats ref = padded(ep.status().featureStats());
        FeatureStats now = Statistics.window(frame(span), ref).stats();
        FeatureStats then = base == null ? ref : Statistics.window(frame(base), ref).stats();
        return HistogramDrift.create().compare(then, now);
    }

    private Frame frame(Window span) {
        SampleFrame f = h.samples.read("proj", UID, span);
        SampleFrame rows = f instanceof io.driftwatch.engine.port.SummarizedFrame s ? s.rows() : f;
        List<Map<String, Object>> out = new ArrayList<>();
        List<Object> x = rows.values("x");
        List<Object> c = rows.values("c");
        for (int i = 0; i < x.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("x", x.get(i));
            r.put("c", c.get(i));
            out.add(r);
        }
        return Frame.fromMaps(out);
    }

    private static FeatureStats padded(FeatureStats reference) {
        Map<String, ColumnStats> out = new LinkedHashMap<>();
        reference.columns().forEach((k, s) -> out.put(k, s instanceof NumericStats n ? new NumericStats(n.count(),
                n.mean(), n.std(), n.min(), n.p25(), n.p50(), n.p75(), n.max(), Histograms.pad(n.hist())) : s));
        return FeatureStats.of(out);
    }

    /** The store, counting every row read ({@code read}) and export. */
    private SampleStore counting(SampleStore store) {
        return new SampleStore() {
            @Override
            public List<CellSummary> cellSummaries(String project, String uid, Window range) {
                summaryReads.incrementAndGet();
                return store.cellSummaries(project, uid, range);
            }

            @Override
            public void write(List<SampleRow> rows, long nextOffset) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long storedOffset() {
                return store.storedOffset();
            }

            @Override
            public SampleFrame read(String project, String uid, Window window) {
                rowReads.incrementAndGet();
                return store.read(project, uid, window);
            }

            @Override
            public void export(String project, String uid, Instant start, Instant end, String format,
                               OutputStream out) {
                rowReads.incrementAndGet();
            }

            @Override
            public void deleteEndpoint(String project, String uid) {
            }

            @Override
            public void deleteProject(String project) {
            }

            @Override
            public long deleteOlderThan(Instant cutoff) {
                return 0;
            }
        };
    }
}
