package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.ModelRecord;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@link ProjectStore} in memory. Models are keyed by (project, name, version); "latest" is the model with the
 * newest {@code created} time, ties going to the one put last. Lists are sorted by name (models: then version).
 */
final class MemoryProjectStore implements ProjectStore {
    private final TreeSet<String> projects = new TreeSet<>();
    private final Map<List<String>, ModelRecord> models = new LinkedHashMap<>();
    private final Map<String, MonitoringSettings> settings = new HashMap<>();
    private final Map<List<String>, AppRegistration> apps = new HashMap<>();

    @Override
    public synchronized boolean createProject(String name) {
        Objects.requireNonNull(name, "name");
        return projects.add(name);
    }

    @Override
    public synchronized boolean projectExists(String name) {
        return projects.contains(name);
    }

    @Override
    public synchronized List<String> projects() {
        return List.copyOf(projects);
    }

    @Override
    public synchronized void putModel(ModelRecord model) {
        Objects.requireNonNull(model, "model");
        List<String> key = List.of(model.project(), model.name(), Objects.requireNonNullElse(model.version(), ""));
        models.remove(key);
        models.put(key, model);
    }

    @Override
    public synchronized Optional<ModelRecord> model(String project, String name, String version) {
        if (version != null) {
            return Optional.ofNullable(models.get(List.of(project, name, version)));
        }
        ModelRecord latest = null;
        for (ModelRecord m : models.values()) {
            if (m.project().equals(project) && m.name().equals(name)
                    && (latest == null || !created(m).isBefore(created(latest)))) {
                latest = m;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Instant created(ModelRecord m) {
        return m.created() == null ? Instant.MIN : m.created();
    }

    @Override
    public synchronized List<ModelRecord> models(String project) {
        List<ModelRecord> out = new ArrayList<>();
        for (ModelRecord m : models.values()) {
            if (m.project().equals(project)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(ModelRecord::name)
                .thenComparing(m -> Objects.requireNonNullElse(m.version(), "")));
        return out;
    }

    @Override
    public synchronized Optional<MonitoringSettings> monitoringSettings(String project) {
        return Optional.ofNullable(settings.get(project));
    }

    @Override
    public synchronized void putMonitoringSettings(MonitoringSettings s) {
        Objects.requireNonNull(s, "settings");
        settings.put(s.project(), s);
    }

    @Override
    public synchronized void putApplication(AppRegistration app) {
        Objects.requireNonNull(app, "app");
        apps.put(List.of(app.project(), app.name()), app);
    }

    @Override
    public synchronized boolean deleteApplication(String project, String name) {
        return apps.remove(List.of(project, name)) != null;
    }

    @Override
    public synchronized List<AppRegistration> applications(String project) {
        return apps.values().stream().filter(a -> a.project().equals(project))
                .sorted(Comparator.comparing(AppRegistration::name)).toList();
    }

    @Override
    public synchronized boolean deleteProject(String project) {
        models.keySet().removeIf(k -> k.get(0).equals(project));
        settings.remove(project);
        apps.keySet().removeIf(k -> k.get(0).equals(project));
        return projects.remove(project);
    }
}
