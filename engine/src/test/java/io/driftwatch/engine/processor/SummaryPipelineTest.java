package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.ApplicationRunner;
import io.driftwatch.engine.apps.ArtifactStores;
import io.driftwatch.engine.apps.DriftTestsApp;
import io.driftwatch.engine.apps.RunnerConfig;
import io.driftwatch.engine.apps.examples.PredictionMeanShiftApp;
import io.driftwatch.engine.controller.ControllerConfig;
import io.driftwatch.engine.controller.ControllerStats;
import io.driftwatch.engine.controller.MonitoringController;
import io.driftwatch.engine.controller.WindowHandlers;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.writer.MonitoringWriter;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Statistics;
import io.driftwatch.stats.summary.WindowSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: window summaries are used by default. The real pipeline — stream processor → sample store → controller →
 * histogram-data-drift and drift-tests — on an endpoint whose first request is off the epoch grid of the base period:
 * the controller's windows start at the first request (MLRun's times), the processor anchors its summary cells there,
 * so every window is answered from its summary without reading a row, with the results of the rows path to 1e-12.
 */
class SummaryPipelineTest {
    private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");
    /** The first request: 17.123456 s past a minute, 3 minutes past a 10-minute boundary of the epoch grid. */
    private static final Instant FIRST = Instant.parse("2025-06-01T09:03:17.123456Z");
    private static final Duration BASE = Duration.ofMinutes(10);
    private static final String UID = EndpointId.of("proj", "proj/serving", "m", null);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUARTILE = Pattern.compile("current_stats\\.[^.]+\\.(25|50|75)%$");

    @Test
    void windowsFromTheFirstRequestAreAnsweredFromSummariesWithTheResultsOfTheRows() throws Exception {
        Harness h = harness();
        h.append(events(FIRST, 3, 0));
        StreamProcessorTest.drain(h, h.processor());
        assertThat(CellSummary.onGrid(Window.of(FIRST, BASE), BASE)).as("first window off the epoch grid").isFalse();

        Run summaries = analyse(h, h.samples, h.endpoints);
        Run rows = analyse(h, new RowsOnly(h.samples), copy(h.endpoints));

        List<Instant> starts = summaries.results.stream().map(AppResult::windowStart).distinct().sorted().toList();
        assertThat(starts).containsExactly(FIRST, FIRST.plus(BASE), FIRST.plus(BASE.multipliedBy(2)));
        assertThat(summaries.stats.summaryWindows()).as("windows from summaries").isEqualTo(3);
        assertThat(summaries.stats.summaryAndRowWindows()).as("windows from summaries and rows").isZero();
        assertThat(summaries.stats.rowWindows()).as("windows from rows").isZero();
        assertThat(rows.stats.summaryWindows()).isZero();
        assertThat(rows.stats.rowWindows()).isEqualTo(3);
        assertSame(summaries, rows);
        assertThat(summaries.results).extracting(AppResult::status).extracting(Enum::name)
                .contains("DETECTED").as("the shifted window drifts");
    }

    @Test
    void aFirstRequestMovedEarlierByALateRowFallsBackToRowsAndStaysExact() throws Exception {
        Harness h = harness();
        h.append(events(FIRST, 2, 0));
        StreamProcessorTest.drain(h, h.processor());
        // a row 4 minutes before the first request arrives later: first_request moves, the cells written so far
        // are on the old anchor, the controller's windows on the new one
        h.append(events(FIRST.minus(Duration.ofMinutes(4)), 1, 1).subList(0, 1));
        StreamProcessorTest.drain(h, h.processor());
        Instant first = h.endpoints.get("proj", UID).orElseThrow().status().firstRequest();
        assertThat(first).isEqualTo(FIRST.minus(Duration.ofMinutes(4)));

        Run summaries = analyse(h, h.samples, h.endpoints);
        Run rows = analyse(h, new RowsOnly(h.samples), copy(h.endpoints));
        assertThat(summaries.results.stream().map(AppResult::windowStart).distinct().sorted().toList())
                .containsExactly(first, first.plus(BASE));
        assertThat(summaries.stats.rowWindows()).as("windows whose cells do not tile them").isEqualTo(2);
        assertSame(summaries, rows);
    }

    @Test
    void anAppThatAsksForRowsGetsThemAndTheWindowCountsAsSummaryAndRows() throws Exception {
        Harness h = harness();
        h.append(events(FIRST, 3, 0));
        StreamProcessorTest.drain(h, h.processor());
        ApplicationRegistry.create(h.projects, h.clock, null).register("proj", "mean-shift",
                PredictionMeanShiftApp.class.getName(), null, Map.of("column", "x"));
        Run run = analyse(h, h.samples, h.endpoints);
        assertThat(run.results).extracting(AppResult::application).contains("mean-shift", "drift-tests");
        assertThat(List.of(run.stats.summaryWindows(), run.stats.summaryAndRowWindows(), run.stats.rowWindows()))
                .containsExactly(0L, 3L, 0L);
    }

    private static Harness harness() {
        Harness h = new Harness(NOW);
        Random rnd = new Random(7);
        List<Map<String, Object>> train = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            train.add(Map.of("x", rnd.nextGaussian(), "y", rnd.nextGaussian() * 3 + 10,
                    "c", i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c"));
        }
        FeatureStats stats = Statistics.reference(Frame.fromMaps(train)).stats();
        h.projects.createProject("proj");
        h.projects.putModel(new ProjectRecords.ModelRecord("proj", "m", "1", "sklearn", "p", null,
                List.of("x", "y", "c"), List.of("p"), stats, NOW));
        h.projects.putMonitoringSettings(new ProjectRecords.MonitoringSettings("proj", true, BASE, Map.of()));
        return h;
    }

    /**
     * Events every 7.3 s from {@code from} for {@code windows} base periods plus two minutes (the grace), four rows
     * each; the second window shifted.
     */
    private static List<String> events(Instant from, int windows, long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>();
        Duration span = BASE.multipliedBy(windows).plusMinutes(2);
        int i = 0;
        for (Instant t = from; t.isBefore(from.plus(span)); t = t.plusMillis(7300), i++) {
            double shift = t.isBefore(from.plus(BASE)) || !t.isBefore(from.plus(BASE.multipliedBy(2))) ? 0 : 1.5;
            StringBuilder in = new StringBuilder("[");
            StringBuilder outs = new StringBuilder("[");
            for (int r = 0; r < 4; r++) {
                in.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f, %.6f, \"%s\"]",
                        rnd.nextGaussian() + shift, rnd.nextGaussian() * 3 + 10, "abc".charAt(rnd.nextInt(3))));
                outs.append(r == 0 ? "" : ",").append(rnd.nextInt(2));
            }
            out.add(Events.event("m", t, "r" + seed + "-" + i, 1000, in + "]", outs + "]"));
        }
        return out;
    }

    /** The results and metrics of one controller over the stores, and its stats. */
    private record Run(List<AppResult> results, List<AppMetric> metrics, ControllerStats.ProjectRuns stats) {
    }

    private static Run analyse(Harness h, SampleStore samples, EndpointStore endpoints) {
        TimeSeriesStore ts = MemoryStores.timeSeriesStore();
        EngineEventListener events = EngineEventListener.recording();
        ApplicationRegistry registry = ApplicationRegistry.create(h.projects, h.clock, null);
        registry.deployDefaults("proj", true);
        if (registry.list("proj").stream().noneMatch(a -> a.name().equals(ApplicationRegistry.DRIFT_TESTS))) {
            registry.register("proj", ApplicationRegistry.DRIFT_TESTS, DriftTestsApp.class.getName(), null, Map.of());
        }
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), h.clock,
                ArtifactStores.inMemory(), events);
        MonitoringWriter writer = MonitoringWriter.create(h.clock, ts, endpoints, events);
        MonitoringController controller = MonitoringController.create(ControllerConfig.defaults(), h.clock,
                h.projects, endpoints, samples, registry, WindowHandlers.runAndWrite(registry, runner, writer,
                        events, h.clock));
        controller.runOnce("proj");
        Instant from = FIRST.minus(Duration.ofDays(1));
        return new Run(ts.appResults("proj", UID, null, null, from, NOW), ts.appMetrics("proj", UID, null, null,
                from, NOW), controller.stats().projects().get("proj"));
    }

    private static EndpointStore copy(EndpointStore from) {
        EndpointStore to = MemoryStores.endpointStore();
        ModelEndpoint ep = from.get("proj", UID).orElseThrow();
        to.put(ep);
        return to;
    }

    private static void assertSame(Run a, Run b) throws IOException {
        assertThat(a.results).hasSize(b.results.size()).isNotEmpty();
        for (int i = 0; i < a.results.size(); i++) {
            AppResult x = a.results.get(i);
            AppResult y = b.results.get(i);
            String what = x.application() + "/" + x.name() + " " + x.windowStart();
            assertThat(List.of(x.application(), x.name(), x.windowStart(), x.windowEnd(), x.kind(), x.status()))
                    .as(what).isEqualTo(List.of(y.application(), y.name(), y.windowStart(), y.windowEnd(), y.kind(),
                            y.status()));
            assertClose(what, x.value(), y.value());
            assertSameJson(what, JSON.readTree(x.extraDataJson()), JSON.readTree(y.extraDataJson()));
        }
        assertThat(a.metrics).hasSize(b.metrics.size());
        for (int i = 0; i < a.metrics.size(); i++) {
            assertThat(a.metrics.get(i).name()).isEqualTo(b.metrics.get(i).name());
            assertClose(a.metrics.get(i).name(), a.metrics.get(i).value(), b.metrics.get(i).value());
        }
    }

    /**
     * Equal JSON, numbers to 1e-12 (relative to the larger, absolute below 1), except the quartiles of
     * {@code current_stats}: from the KLL sketch above 200 values (rank error ≤ 1.33 %, docs/statistics.md), here
     * within 0.3 (a tenth of the larger feature's standard deviation, 3).
     */
    private static void assertSameJson(String what, JsonNode a, JsonNode b) {
        if (QUARTILE.matcher(what).find() && a.isNumber() && b.isNumber()) {
            assertThat(Math.abs(a.doubleValue() - b.doubleValue())).as(what).isLessThanOrEqualTo(0.1 * 3);
        } else if (a.isNumber() && b.isNumber()) {
            assertClose(what, a.doubleValue(), b.doubleValue());
        } else if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            if (a.isObject()) {
                for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    assertThat(b.has(f)).as(what + "." + f).isTrue();
                    assertSameJson(what + "." + f, a.get(f), b.get(f));
                }
            } else {
                for (int i = 0; i < a.size(); i++) {
                    assertSameJson(what + "[" + i + "]", a.get(i), b.get(i));
                }
            }
        } else {
            assertThat(a).as(what).isEqualTo(b);
        }
    }

    private static void assertClose(String what, double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            assertThat(a).as(what).isEqualTo(b);
            return;
        }
        assertThat(Math.abs(a - b)).as(what + ": " + a + " vs " + b)
                .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b))));
    }

    /** The store's rows without its summaries: the apps' rows path. */
    private record RowsOnly(SampleStore store) implements SampleStore {
        @Override
        public void write(List<SampleRow> rows, long nextOffset) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public long storedOffset() {
            return store.storedOffset();
        }

        @Override
        public SampleFrame read(String project, String uid, Window window) {
            SampleFrame f = store.read(project, uid, window);
            return f instanceof SummarizedFrame s ? s.rows() : f;
        }

        @Override
        public Optional<WindowSummary> summary(String project, String uid, Window window) {
            return Optional.empty();
        }

        @Override
        public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void deleteEndpoint(String project, String uid) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void deleteProject(String project) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public long deleteOlderThan(Instant cutoff) {
            throw new UnsupportedOperationException("not used");
        }
    }
}
