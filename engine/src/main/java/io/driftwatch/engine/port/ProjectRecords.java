package io.driftwatch.engine.port;

import io.driftwatch.FeatureStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The records of the {@link ProjectStore}. */
public final class ProjectRecords {
    private ProjectRecords() {
    }

    /**
     * A logged model (MLRun's log_model).
     *
     * @param modelPath    where the model file is stored (null for models served elsewhere)
     * @param featureNames training columns minus the label column, in order
     * @param featureStats statistics of the training set, labels included (§5)
     */
    public record ModelRecord(String project, String name, String version, String framework, String labelColumn,
                              String modelPath, List<String> featureNames, List<String> labelNames,
                              FeatureStats featureStats, Instant created) {
        public ModelRecord {
            featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
            labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
        }
    }

    /**
     * A project's monitoring settings.
     *
     * @param credentials   stream_path, tsdb_connection, endpoint_store_connection (validated URIs or "embedded"),
     *                      and the project's monitoring options stored beside them ({@value #MIN_ROWS})
     * @param reanalyzeLate whether a window is analysed again when rows arrive after it was analysed (late rows);
     *                      its results are then replaced, the earlier ones kept in the history
     */
    public record MonitoringSettings(String project, boolean enabled, Duration basePeriod,
                                     Map<String, String> credentials, boolean reanalyzeLate) {
        /** The option key of the project's minimum window size for the built-in apps. */
        public static final String MIN_ROWS = "min_rows";

        public MonitoringSettings {
            credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        }

        /** The project's minimum window size for the built-in apps, if set (an app's own param wins). */
        public OptionalInt minRows() {
            String v = credentials.get(MIN_ROWS);
            return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
        }

        /** Settings without re-analysis of late rows. */
        public MonitoringSettings(String project, boolean enabled, Duration basePeriod,
                                  Map<String, String> credentials) {
            this(project, enabled, basePeriod, credentials, false);
        }

        /** These settings with {@code reanalyze_late} set. */
        public MonitoringSettings withReanalyzeLate(boolean on) {
            return new MonitoringSettings(project, enabled, basePeriod, credentials, on);
        }
    }

    /**
     * A registered monitoring application.
     *
     * @param className the class implementing {@code io.driftwatch.MonitoringApplication}
     * @param jar       the jar it is loaded from (null for the classpath)
     * @param params    application parameters (e.g. thresholds), passed to the app
     */
    public record AppRegistration(String project, String name, String className, String jar,
                                  Map<String, String> params, Instant created) {
        public AppRegistration {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }
}
