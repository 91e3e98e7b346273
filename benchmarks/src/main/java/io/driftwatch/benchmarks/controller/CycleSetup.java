package io.driftwatch.benchmarks.controller;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.port.BasePeriod;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.stats.summary.WindowSummary;
import io.driftwatch.stats.Column;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds one benchmark project: monitoring enabled (10-minute base period), the given apps registered, {@code n}
 * active endpoints with the same reference statistics, each with exactly one closed window of {@code rows} rows
 * ({@code features} normal features and a {@code prediction}); every odd endpoint's rows are shifted by three
 * standard deviations (drift detected), the even ones follow the reference. The window starts at {@link #T0}, on the
 * epoch grid of the base period, and is written with its summary unless summaries are off.
 */
final class CycleSetup {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration BASE_PERIOD = Duration.ofMinutes(10);
    /** Endpoints whose rows go to the sample store in one write. */
    private static final int WRITE_BATCH = 50;

    private final Backends b;
    private final int features;
    private final int rows;
    /** Whether the rows are written with their window summaries (as the stream processor does). */
    private final boolean summaries;
    /** Windows per endpoint: one per controller run of the benchmark. */
    private final int windows;
    private long offset;

    CycleSetup(Backends b, int features, int rows, boolean summaries, int windows) {
        this.b = b;
        this.windows = windows;
        this.summaries = summaries;
        this.features = features;
        this.rows = rows;
        this.offset = b.samples().storedOffset();
    }

    void build(String project, int n, List<String> apps, ApplicationRegistry registry) {
        b.projects().createProject(project);
        b.projects().putMonitoringSettings(new MonitoringSettings(project, true, BasePeriod.parse("10"), Map.of(),
                false));
        for (String app : apps) {
            String cls = app.equals("mean-shift")
                    ? io.driftwatch.engine.apps.examples.PredictionMeanShiftApp.class.getName()
                    : ApplicationRegistry.BUILT_IN.get(app);
            registry.register(project, app, cls, null, Map.of());
        }
        FeatureStats ref = reference();
        List<SampleRow> batch = new ArrayList<>();
        List<CellSummary> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uid = String.format("e%06d", i);
            b.endpoints().put(endpoint(project, uid, ref));
            for (int w = 0; w < windows; w++) {
                List<SampleRow> rowsOf = window(project, uid, i % 2 == 1 ? 3.0 : 0.0, i * 31L + w, w);
                batch.addAll(rowsOf);
                if (summaries) {
                    cells.add(summary(project, uid, rowsOf, ref));
                }
            }
            if ((i + 1) % WRITE_BATCH == 0 || i == n - 1) {
                offset += 1;
                b.samples().write(batch, cells, offset);
                batch = new ArrayList<>();
                cells = new ArrayList<>();
            }
        }
    }

    /**
     * The controller's "now" for its {@code cycle}-th run (from 1): the first {@code cycle} windows are closed
     * ({@code last_updated = now}, the last request being later), so each run analyses one new window per endpoint.
     */
    static Instant now(int cycle) {
        return T0.plus(BASE_PERIOD.multipliedBy(cycle)).plusSeconds(30);
    }

    /**
     * The summary of one endpoint's window as the stream processor builds it at ingest (its cell of the base period's
     * epoch grid, each column binned on the reference): the window starts on the grid, so it is one whole cell and
     * the built-in apps read it instead of the rows.
     */
    private static CellSummary summary(String project, String uid, List<SampleRow> rows, FeatureStats ref) {
        Window cell = CellSummary.cellOf(rows.getFirst().timestamp(), BASE_PERIOD);
        if (!cell.start().equals(rows.getFirst().timestamp())) {
            throw new IllegalStateException("the benchmark's windows must start on the base period's epoch grid");
        }
        WindowSummary s = WindowSummary.create();
        for (SampleRow r : rows) {
            r.values().forEach((name, v) -> s.column(name, ref.get(name).orElse(null)).update(v));
            s.addRows(1);
        }
        s.completeRows();
        return new CellSummary(project, uid, CellSummary.hourOf(cell.start()), cell, s);
    }

    private List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("f" + j);
        }
        return names;
    }

    private FeatureStats reference() {
        SplittableRandom rnd = new SplittableRandom(42);
        Map<String, Column> cols = new LinkedHashMap<>();
        for (String f : featureNames()) {
            double[] v = new double[5_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = gaussian(rnd);
            }
            cols.put(f, NumericColumn.of(v));
        }
        double[] p = new double[5_000];
        for (int i = 0; i < p.length; i++) {
            p[i] = gaussian(rnd);
        }
        cols.put("prediction", NumericColumn.of(p));
        return Statistics.reference(Frame.of(cols)).stats();
    }

    private ModelEndpoint endpoint(String project, String uid, FeatureStats ref) {
        var spec = ModelEndpoint.Spec.builder().functionUri(project + "/serving").model("m").modelClass("cls")
                .featureNames(featureNames()).labelNames(List.of("prediction"))
                .monitoringMode(MonitoringMode.ENABLED).active(true).build();
        var status = ModelEndpoint.Status.builder().featureStats(ref).firstRequest(T0)
                .lastRequest(T0.plus(BASE_PERIOD.multipliedBy(windows)).plus(Duration.ofMinutes(2))).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, Map.of()), spec, status);
    }

    /** The rows of the endpoint's {@code w}-th window (from 0), evenly spread over it. */
    private List<SampleRow> window(String project, String uid, double shift, long seed, int w) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SampleRow> out = new ArrayList<>(rows);
        long step = BASE_PERIOD.toMillis() / rows;
        List<String> names = featureNames();
        for (int r = 0; r < rows; r++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String f : names) {
                values.put(f, gaussian(rnd) + shift);
            }
            values.put("prediction", gaussian(rnd) + shift);
            Instant t = T0.plus(BASE_PERIOD.multipliedBy(w)).plusMillis(r * step);
            out.add(new SampleRow(project, uid, t, uid + "-" + w + "-" + r, 1_000, values, Map.of()));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
