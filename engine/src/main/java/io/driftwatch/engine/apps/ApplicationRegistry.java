package io.driftwatch.engine.apps;

import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitoring applications of each project (MLRun's {@code set_model_monitoring_function},
 * {@code list_…}, {@code remove_…}), persisted through {@link ProjectStore}. An app is a class implementing
 * {@code io.driftwatch.MonitoringApplication} with a public constructor taking {@code Map<String, String>} params or
 * none, loaded from the classpath or from a jar in the apps folder (one {@code URLClassLoader} per jar). Registering
 * loads and instantiates the class, so a bad registration fails at once with a message naming the problem.
 * Instances are cached per registration and shared by all endpoints. A built-in app ({@link #BUILT_IN}) without its
 * own {@code min_rows} param gets the project's {@code min_rows} monitoring setting, if set.
 */
public interface ApplicationRegistry extends AppCatalog {
    /** The built-in default app's name, MLRun's. */
    String HISTOGRAM_DATA_DRIFT = "histogram-data-drift";
    /** The built-in statistical tests app's name ({@link DriftTestsApp}). */
    String DRIFT_TESTS = "drift-tests";
    /** The built-in model performance app's name ({@link ModelPerformanceApp}). */
    String MODEL_PERFORMANCE = ModelPerformanceApp.NAME;
    /** The built-in apps by name: registering one of these names needs no class name. */
    Map<String, String> BUILT_IN = Map.of(HISTOGRAM_DATA_DRIFT, HistogramDataDriftApp.class.getName(),
            DRIFT_TESTS, DriftTestsApp.class.getName(), MODEL_PERFORMANCE, ModelPerformanceApp.class.getName());

    /** The class of a built-in app name, if it is one. */
    static Optional<String> builtInClass(String name) {
        return Optional.ofNullable(name == null ? null : BUILT_IN.get(name));
    }

    /**
     * @param appsDir the folder user jars are loaded from (jar names are resolved inside it); null: no jars
     */
    static ApplicationRegistry create(ProjectStore projects, Clock clock, Path appsDir) {
        return new DefaultApplicationRegistry(projects, clock, appsDir, ApplicationRegistry.class.getClassLoader());
    }

    /**
     * Registers (or replaces) an app.
     *
     * @param name      {@code [a-z0-9]([a-z0-9-]*[a-z0-9])?}, at most 63 characters (a function name, as MLRun)
     * @param className a class implementing {@code io.driftwatch.MonitoringApplication}
     * @param jar       a jar file name inside the apps folder, or null for the classpath
     * @param params    passed to the app's {@code Map<String, String>} constructor (e.g. drift thresholds)
     * @throws IllegalArgumentException naming the problem: bad name, class not found, not an app, no usable
     *                                  constructor, constructor failed, jar missing or outside the apps folder
     * @throws java.util.NoSuchElementException if the project does not exist
     */
    AppRegistration register(String project, String name, String className, String jar, Map<String, String> params);

    /**
     * MLRun's {@code create_model_monitoring_function}: checks the app as {@link #register} does (name, class, jar,
     * constructor with these params) and returns the registration it would store, without storing it.
     *
     * @throws IllegalArgumentException naming the problem, as {@link #register}
     * @throws java.util.NoSuchElementException if the project does not exist
     */
    AppRegistration validate(String project, String name, String className, String jar, Map<String, String> params);

    /**
     * What {@code enable_model_monitoring(deploy_histogram_data_drift_app=…)} does to apps: registers the built-in
     * {@code histogram-data-drift} when asked and not yet registered (existing params are kept).
     */
    void deployDefaults(String project, boolean histogramDataDrift);

    /** The registrations of a project, by name. */
    List<AppRegistration> list(String project);

    /** Removes an app; false if there was none. Its stored results and artifacts stay. */
    boolean remove(String project, String name);

    /**
     * The loaded app, or empty if no such registration exists.
     *
     * @throws IllegalArgumentException if the registration can no longer be loaded (e.g. its jar was removed)
     */
    Optional<DeployedApp> resolve(String project, String name);
}
