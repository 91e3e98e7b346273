package io.driftwatch.server;

import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.ProjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory project store for API tests. */
final class FakeProjects implements ProjectStore {
    private final Map<String, Boolean> projects = new ConcurrentHashMap<>();
    private final Map<String, ProjectRecords.ModelRecord> models = new ConcurrentHashMap<>();
    private final Map<String, ProjectRecords.MonitoringSettings> settings = new ConcurrentHashMap<>();
    private final Map<String, ProjectRecords.AppRegistration> apps = new ConcurrentHashMap<>();

    @Override
    public boolean createProject(String name) {
        return projects.putIfAbsent(name, true) == null;
    }

    @Override
    public boolean projectExists(String name) {
        return projects.containsKey(name);
    }

    @Override
    public List<String> projects() {
        return projects.keySet().stream().sorted().toList();
    }

    @Override
    public void putModel(ProjectRecords.ModelRecord m) {
        models.put(m.project() + "/" + m.name() + "/" + m.version(), m);
    }

    @Override
    public Optional<ProjectRecords.ModelRecord> model(String project, String name, String version) {
        return models.values().stream()
                .filter(m -> m.project().equals(project) && m.name().equals(name))
                .filter(m -> version == null || version.equals(m.version()))
                .max(Comparator.comparing(ProjectRecords.ModelRecord::created));
    }

    @Override
    public List<ProjectRecords.ModelRecord> models(String project) {
        return models.values().stream().filter(m -> m.project().equals(project)).toList();
    }

    @Override
    public Optional<ProjectRecords.MonitoringSettings> monitoringSettings(String project) {
        return Optional.ofNullable(settings.get(project));
    }

    @Override
    public void putMonitoringSettings(ProjectRecords.MonitoringSettings s) {
        settings.put(s.project(), s);
    }

    @Override
    public void putApplication(ProjectRecords.AppRegistration app) {
        apps.put(app.project() + "/" + app.name(), app);
    }

    @Override
    public boolean deleteApplication(String project, String name) {
        return apps.remove(project + "/" + name) != null;
    }

    @Override
    public boolean deleteProject(String project) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public List<ProjectRecords.AppRegistration> applications(String project) {
        List<ProjectRecords.AppRegistration> out = new ArrayList<>(new TreeMap<>(apps).values());
        out.removeIf(a -> !a.project().equals(project));
        return out;
    }
}
