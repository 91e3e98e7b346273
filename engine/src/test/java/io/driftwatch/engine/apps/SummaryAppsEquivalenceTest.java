package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.Result;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Statistics;
import io.driftwatch.stats.summary.WindowSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 point 5: the built-in apps give the same results from a window's summary as from its rows, on the data of
 * {@code engine/src/test/python/gen_summary_windows.py}: histogram-data-drift's results and metrics equal (bit for
 * bit, so certainly to 1e-12), drift-tests' verdicts equal and statistics to 1e-12 (KS exactly: it is computed
 * exactly from the bins, not from the KLL sketch), and x's KS and Wasserstein equal SciPy's to 1e-9. The summarized
 * run reads no row.
 */
class SummaryAppsEquivalenceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Window W = Window.of(T0, Duration.ofMinutes(10));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void builtInAppsGiveTheSameResultsFromTheSummary(int n) throws IOException {
        Map<String, List<Object>> train = csv("reference.csv");
        FeatureStats reference = Statistics.reference(Frame.fromMaps(rows(train))).stats();
        Map<String, List<Object>> window = csv("window-" + n + ".csv");
        ModelEndpoint ep = EngineFixtures.endpoint("p", "ep1", reference, List.copyOf(window.keySet()), List.of(),
                T0, T0.plusSeconds(599));
        SampleFrame raw = SampleFrames.of(window, timestamps(window));
        AtomicInteger reads = new AtomicInteger();
        WindowSummary summary = summarize(window, reference);
        SampleFrame summarized = SummarizedFrame.of(counting(raw, reads), () -> Optional.of(summary));

        for (MonitoringApplication app : List.of(new HistogramDataDriftApp(), new DriftTestsApp())) {
            AppRun a = run(app, ep, raw);
            AppRun b = run(app, ep, summarized);
            assertThat(b.succeeded()).as(b.error()).isTrue();
            assertSameOutput(a, b);
        }
        assertThat(reads).as("rows read by the summarized runs").hasValue(0);
        JsonNode expected = new ObjectMapper().readTree(resource("expected.json")).path("window-" + n);
        Map<String, Object> ks = tests(run(new DriftTestsApp(), ep, summarized), "x").get("ks");
        assertThat((Double) ks.get("statistic")).isCloseTo(expected.path("x_ks_statistic").asDouble(), within(1e-9));
        double scipyP = expected.path("x_ks_p_value").asDouble();
        if (scipyP > 1e-30) {
            assertThat(relative((Double) ks.get("p_value"), scipyP)).isLessThan(1e-6);
        } else { // far in the tail the app reports the Smirnov bound (≥ the exact value), see KsTest
            assertThat((Double) ks.get("p_value")).isLessThan(1e-30);
        }
    }

    private static void assertSameOutput(AppRun a, AppRun b) {
        assertThat(b.output().metrics()).isEqualTo(a.output().metrics());
        assertThat(b.output().results()).hasSameSizeAs(a.output().results());
        for (int i = 0; i < a.output().results().size(); i++) {
            Result ra = a.output().results().get(i);
            Result rb = b.output().results().get(i);
            assertThat(rb.name()).isEqualTo(ra.name());
            assertThat(rb.status()).as(ra.name()).isEqualTo(ra.status());
            assertThat(rb.value()).as(ra.name()).isCloseTo(ra.value(), within(1e-12));
            if (ra.extraData().containsKey("drift_measures")) {
                assertThat(rb.extraData().get("drift_measures")).isEqualTo(ra.extraData().get("drift_measures"));
            }
            if (ra.extraData().get("tests") instanceof Map<?, ?> ta) {
                Map<?, ?> tb = (Map<?, ?>) rb.extraData().get("tests");
                ta.forEach((test, va) -> assertTest(ra.name() + "." + test, (Map<?, ?>) va, (Map<?, ?>) tb.get(test)));
            }
        }
    }

    private static void assertTest(String what, Map<?, ?> a, Map<?, ?> b) {
        assertThat(b.get("status")).as(what).isEqualTo(a.get("status"));
        for (String k : List.of("statistic", "p_value")) {
            if (a.get(k) == null) {
                assertThat(b.get(k)).as(what + " " + k).isNull();
            } else {
                assertThat(relative((Double) b.get(k), (Double) a.get(k))).as(what + " " + k).isLessThan(1e-12);
            }
        }
        if (what.endsWith(".ks")) {
            assertThat(b.get("statistic")).as(what).isEqualTo(a.get("statistic"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> tests(AppRun run, String feature) {
        Result r = run.output().results().stream().filter(x -> x.name().equals(feature)).findFirst().orElseThrow();
        return (Map<String, Map<String, Object>>) r.extraData().get("tests");
    }

    static double relative(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    private static AppRun run(MonitoringApplication app, ModelEndpoint ep, SampleFrame frame) {
        ApplicationRunner runner = ApplicationRunner.create(RunnerConfig.defaults(), Clock.systemUTC(),
                ArtifactStores.inMemory(), EngineEventListener.recording());
        var reg = new AppRegistration("p", "app", app.getClass().getName(), null, Map.of(), T0);
        return runner.run("p", ep, W, () -> frame, List.of(new DeployedApp(reg, app))).getFirst();
    }

    /** The window's summary as the stream processor builds it (column by column on the endpoint's reference). */
    private static WindowSummary summarize(Map<String, List<Object>> columns, FeatureStats reference) {
        WindowSummary s = WindowSummary.create();
        int rows = columns.values().iterator().next().size();
        columns.forEach((name, values) -> {
            ColumnStats ref = reference.get(name).orElse(null);
            values.forEach(v -> s.column(name, ref).update(v));
        });
        s.addRows(rows);
        s.completeRows();
        return s;
    }

    /** A frame that counts every access to row values. */
    private static SampleFrame counting(SampleFrame f, AtomicInteger reads) {
        return new SampleFrame() {
            public int rowCount() {
                reads.incrementAndGet();
                return f.rowCount();
            }

            public List<String> columnNames() {
                reads.incrementAndGet();
                return f.columnNames();
            }

            public double[] numeric(String c) {
                reads.incrementAndGet();
                return f.numeric(c);
            }

            public List<Object> values(String c) {
                reads.incrementAndGet();
                return f.values(c);
            }

            public List<Instant> timestamps() {
                reads.incrementAndGet();
                return f.timestamps();
            }
        };
    }

    private static List<Instant> timestamps(Map<String, List<Object>> cols) {
        int n = cols.values().iterator().next().size();
        List<Instant> ts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ts.add(T0.plusMillis(i % 600_000));
        }
        return ts;
    }

    private static List<Map<String, Object>> rows(Map<String, List<Object>> cols) {
        int n = cols.values().iterator().next().size();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (Map.Entry<String, List<Object>> e : cols.entrySet()) {
                r.put(e.getKey(), e.getValue().get(i));
            }
            out.add(r);
        }
        return out;
    }

    /** Columns of a generated CSV: x, y, z as Double (empty = null), colour as String. */
    private static Map<String, List<Object>> csv(String name) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",");
            Map<String, List<Object>> cols = new LinkedHashMap<>();
            for (String h : header) {
                cols.put(h, new ArrayList<>());
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.split(",", -1);
                for (int i = 0; i < header.length; i++) {
                    String c = cells[i];
                    cols.get(header[i]).add(c.isEmpty() ? null : header[i].equals("colour") ? c : Double.valueOf(c));
                }
            }
            return cols;
        }
    }

    private static InputStream resource(String name) {
        return SummaryAppsEquivalenceTest.class.getResourceAsStream("/summaries/" + name);
    }
}
