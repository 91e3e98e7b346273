package io.driftwatch.server.routing;

import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.ProjectStore;
import java.util.List;
import java.util.Optional;

/**
 * The server's project store; a project created or given new settings is routed again (its new credentials' backends
 * opened at once). A deleted project keeps its route until it is created again, so that its data is deleted from
 * the backends that hold it.
 */
final class InvalidatingProjectStore implements ProjectStore {
    private final ProjectStore store;
    private final ProjectRouting routing;

    InvalidatingProjectStore(ProjectStore store, ProjectRouting routing) {
        this.store = store;
        this.routing = routing;
    }

    @Override
    public boolean createProject(String name) {
        boolean created = store.createProject(name);
        routing.forget(name);
        return created;
    }

    @Override
    public boolean projectExists(String name) {
        return store.projectExists(name);
    }

    @Override
    public List<String> projects() {
        return store.projects();
    }

    @Override
    public void putModel(ProjectRecords.ModelRecord model) {
        store.putModel(model);
    }

    @Override
    public Optional<ProjectRecords.ModelRecord> model(String project, String name, String version) {
        return store.model(project, name, version);
    }

    @Override
    public List<ProjectRecords.ModelRecord> models(String project) {
        return store.models(project);
    }

    @Override
    public Optional<ProjectRecords.MonitoringSettings> monitoringSettings(String project) {
        return store.monitoringSettings(project);
    }

    @Override
    public void putMonitoringSettings(ProjectRecords.MonitoringSettings settings) {
        store.putMonitoringSettings(settings);
        routing.changed(settings.project());
    }

    @Override
    public void putApplication(ProjectRecords.AppRegistration app) {
        store.putApplication(app);
    }

    @Override
    public boolean deleteApplication(String project, String name) {
        return store.deleteApplication(project, name);
    }

    @Override
    public List<ProjectRecords.AppRegistration> applications(String project) {
        return store.applications(project);
    }

    @Override
    public boolean deleteProject(String project) {
        // the route is kept: project deletion removes the project's data after its record, from its own backends
        return store.deleteProject(project);
    }
}
