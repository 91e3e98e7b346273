package io.driftwatch.engine.drift;

import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.apps.DriftTestsApp;
import io.driftwatch.engine.apps.HistogramDataDriftApp;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.stats.DriftThresholds;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The project's drift settings for a range: the thresholds and {@code min_rows} of its {@code histogram-data-drift}
 * registration (MLRun's 0.5 / 0.7 and 100 when it has none; the project's {@code min_rows} setting when the app
 * param is absent) and the {@code drift-tests} app with its registration's params.
 */
public record DriftSettings(DriftThresholds thresholds, int minRows, DriftTestsApp tests) {
    public static final DriftSettings DEFAULT = new DriftSettings(DriftThresholds.DEFAULT, 100, new DriftTestsApp());

    public DriftSettings {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(tests, "tests");
    }

    /** The settings of {@code project} as registered in {@code projects}. */
    public static DriftSettings of(ProjectStore projects, String project) {
        Map<String, String> drift = params(projects, project, ApplicationRegistry.HISTOGRAM_DATA_DRIFT);
        Map<String, String> tests = params(projects, project, "drift-tests");
        HistogramDataDriftApp app = new HistogramDataDriftApp(drift);
        return new DriftSettings(app.thresholds(), app.minRows(), new DriftTestsApp(tests));
    }

    private static Map<String, String> params(ProjectStore projects, String project, String app) {
        Map<String, String> out = new HashMap<>();
        projects.monitoringSettings(project).ifPresent(s -> s.minRows()
                .ifPresent(n -> out.put("min_rows", Integer.toString(n))));
        projects.applications(project).stream().filter(a -> a.name().equals(app)).findFirst()
                .ifPresent(a -> out.putAll(a.params()));
        return out;
    }
}
