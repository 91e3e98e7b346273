package io.driftwatch.engine.port;

import java.util.List;
import java.util.Optional;

/**
 * Port: projects and what belongs to them apart from endpoints: logged models, the monitoring settings
 * (enabled, base_period, credentials) and the registered monitoring applications.
 */
public interface ProjectStore {
    /** Creates the project; false if it already exists. */
    boolean createProject(String name);

    boolean projectExists(String name);

    List<String> projects();

    /** Creates or replaces a logged model (keyed by project, name, version). */
    void putModel(ProjectRecords.ModelRecord model);

    /** The model with that version, or the latest logged version when {@code version} is null. */
    Optional<ProjectRecords.ModelRecord> model(String project, String name, String version);

    List<ProjectRecords.ModelRecord> models(String project);

    Optional<ProjectRecords.MonitoringSettings> monitoringSettings(String project);

    void putMonitoringSettings(ProjectRecords.MonitoringSettings settings);

    /** Creates or replaces an application registration (keyed by project + name). */
    void putApplication(ProjectRecords.AppRegistration app);

    boolean deleteApplication(String project, String name);

    List<ProjectRecords.AppRegistration> applications(String project);

    /**
     * Deletes the project with its models, monitoring settings and application registrations (project deletion,
     * {@code DELETE /projects/{p}}); false if the project did not exist (its records are removed anyway).
     */
    boolean deleteProject(String project);
}
