package io.driftwatch.benchmarks.controller;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.port.BasePeriod;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.SampleStore.SampleRow;
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
 * standard deviations (drift detected), the even ones follow the reference.
 */
final class CycleSetup {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    /** The run's "now": the window [T0, T0 + 10 min) is closed (last request T0 + 12 min, grace 60 s). */
    static final Instant NOW = T0.plus(Duration.ofHours(1));
    static final Duration BASE_PERIOD = Duration.ofMinutes(10);
    /** Endpoints whose rows go to the sample store in one write. */
    private static final int WRITE_BATCH = 50;

    private final Backends b;
    private final int features;
    private final int rows;
    private long offset;

    CycleSetup(Backends b, int features, int rows) {
        this.b = b;
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
        for (int i = 0; i < n; i++) {
            String uid = String.format("e%06d", i);
            b.endpoints().put(endpoint(project, uid, ref));
            batch.addAll(window(project, uid, i % 2 == 1 ? 3.0 : 0.0, i));
            if ((i + 1) % WRITE_BATCH == 0 || i == n - 1) {
                offset += 1;
                b.samples().write(batch, offset);
                batch = new ArrayList<>();
            }
        }
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
                .lastRequest(T0.plus(Duration.ofMinutes(12))).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, Map.of()), spec, status);
    }

    private List<SampleRow> window(String project, String uid, double shift, long seed) {
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
            out.add(new SampleRow(project, uid, T0.plusMillis(r * step), uid + "-" + r, 1_000, values, Map.of()));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
