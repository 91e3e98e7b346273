package io.driftwatch.engine.secret;

import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link ProjectStore} that encrypts a project's credentials ({@code stream_path}, {@code tsdb_connection},
 * {@code endpoint_store_connection}) with a {@link SecretBox} before the store sees them and decrypts them when
 * they are read; everything else passes through unchanged.
 */
public final class SecretProjectStore implements ProjectStore {
    /** The credential keys that are encrypted. */
    public static final Set<String> SECRET_KEYS = Set.of("stream_path", "tsdb_connection",
            "endpoint_store_connection");
    private final ProjectStore delegate;
    private final SecretBox box;

    public SecretProjectStore(ProjectStore delegate, SecretBox box) {
        this.delegate = delegate;
        this.box = box;
    }

    @Override
    public boolean createProject(String name) {
        return delegate.createProject(name);
    }

    @Override
    public boolean projectExists(String name) {
        return delegate.projectExists(name);
    }

    @Override
    public List<String> projects() {
        return delegate.projects();
    }

    @Override
    public void putModel(ProjectRecords.ModelRecord model) {
        delegate.putModel(model);
    }

    @Override
    public Optional<ProjectRecords.ModelRecord> model(String project, String name, String version) {
        return delegate.model(project, name, version);
    }

    @Override
    public List<ProjectRecords.ModelRecord> models(String project) {
        return delegate.models(project);
    }

    @Override
    public Optional<MonitoringSettings> monitoringSettings(String project) {
        return delegate.monitoringSettings(project).map(s -> with(s, box::decrypt));
    }

    @Override
    public void putMonitoringSettings(MonitoringSettings settings) {
        delegate.putMonitoringSettings(with(settings, box::encrypt));
    }

    private static MonitoringSettings with(MonitoringSettings s, UnaryOperator<String> f) {
        Map<String, String> c = new LinkedHashMap<>(s.credentials());
        c.replaceAll((k, v) -> SECRET_KEYS.contains(k) ? f.apply(v) : v);
        return new MonitoringSettings(s.project(), s.enabled(), s.basePeriod(), c, s.reanalyzeLate());
    }

    @Override
    public void putApplication(ProjectRecords.AppRegistration app) {
        delegate.putApplication(app);
    }

    @Override
    public boolean deleteApplication(String project, String name) {
        return delegate.deleteApplication(project, name);
    }

    @Override
    public List<ProjectRecords.AppRegistration> applications(String project) {
        return delegate.applications(project);
    }

    @Override
    public boolean deleteProject(String project) {
        return delegate.deleteProject(project);
    }
}
