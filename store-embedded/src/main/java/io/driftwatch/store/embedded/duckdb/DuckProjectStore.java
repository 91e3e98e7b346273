package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.ModelRecord;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProjectStore} on the {@code projects, models, monitoring_settings, applications} tables. A model without
 * a version is stored with version {@code ''}; the latest version is the newest {@code created}, then the last put.
 */
final class DuckProjectStore implements ProjectStore {
    private static final String MODEL_COLUMNS = "project, name, version, framework, label_column, model_path, "
            + "feature_names, label_names, feature_stats, epoch_us(created)";
    private static final String APP_COLUMNS = "project, name, class_name, jar, params, epoch_us(created)";

    private final DuckDatabase db;
    /** Project names, monitoring settings and app registrations: read every second by the scheduler and per window
     * by the controller, written rarely, only through this store. Models are not cached. */
    private final ReadCache<String, List<String>> projectNames = new ReadCache<>();
    private final ReadCache<String, Optional<MonitoringSettings>> settings = new ReadCache<>();
    private final ReadCache<String, List<AppRegistration>> apps = new ReadCache<>();

    DuckProjectStore(DuckDatabase db) {
        this.db = db;
    }

    @Override
    public boolean createProject(String name) {
        Objects.requireNonNull(name, "name");
        boolean created = db.write("create project " + name, c -> {
            try (PreparedStatement ps = db.statement(c, 
                    "INSERT INTO projects VALUES (?, make_timestamp(?::BIGINT)) ON CONFLICT DO NOTHING")) {
                ps.setString(1, name);
                Sql.setTime(ps, 2, db.clock().instant());
                return ps.executeUpdate() > 0;
            }
        });
        projectNames.invalidate();
        return created;
    }

    @Override
    public boolean projectExists(String name) {
        return projects().contains(name);
    }

    @Override
    public List<String> projects() {
        return projectNames.get("", k -> List.copyOf(strings("SELECT name FROM projects ORDER BY name")));
    }

    private List<String> strings(String sql, String... args) {
        return db.read("query projects", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void putModel(ModelRecord m) {
        Objects.requireNonNull(m, "model");
        db.write("put model " + m.name(), c -> {
            try (PreparedStatement ps = db.statement(c, "INSERT OR REPLACE INTO models VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?::BIGINT), nextval('row_seq'))")) {
                ps.setString(1, m.project());
                ps.setString(2, m.name());
                ps.setString(3, m.version() == null ? "" : m.version());
                ps.setString(4, m.framework());
                ps.setString(5, m.labelColumn());
                ps.setString(6, m.modelPath());
                ps.setString(7, Sql.json(m.featureNames()));
                ps.setString(8, Sql.json(m.labelNames()));
                ps.setString(9, EndpointJson.writeStats(m.featureStats() == null
                        ? io.driftwatch.FeatureStats.empty() : m.featureStats()));
                Sql.setTime(ps, 10, m.created());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ModelRecord> model(String project, String name, String version) {
        String sql = "SELECT " + MODEL_COLUMNS + " FROM models WHERE project = ? AND name = ?"
                + (version == null ? " ORDER BY created DESC NULLS LAST, seq DESC LIMIT 1" : " AND version = ?");
        List<ModelRecord> found = version == null ? models(sql, project, name) : models(sql, project, name, version);
        return found.stream().findFirst();
    }

    @Override
    public List<ModelRecord> models(String project) {
        return models("SELECT " + MODEL_COLUMNS + " FROM models WHERE project = ? ORDER BY name, seq", project);
    }

    private List<ModelRecord> models(String sql, String... args) {
        return db.read("query models", c -> {
            List<ModelRecord> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(model(rs));
                    }
                }
            }
            return out;
        });
    }

    private static ModelRecord model(ResultSet rs) throws SQLException {
        String version = rs.getString(3);
        return new ModelRecord(rs.getString(1), rs.getString(2), version.isEmpty() ? null : version,
                rs.getString(4), rs.getString(5), rs.getString(6), Sql.stringList(rs.getString(7)),
                Sql.stringList(rs.getString(8)), EndpointJson.readStats(rs.getString(9)), Sql.time(rs, 10));
    }

    @Override
    public Optional<MonitoringSettings> monitoringSettings(String project) {
        return settings.get(project, this::readMonitoringSettings);
    }

    private Optional<MonitoringSettings> readMonitoringSettings(String project) {
        return db.read("read monitoring settings of " + project, c -> {
            try (PreparedStatement ps = db.statement(c, 
                    "SELECT enabled, base_period, credentials, reanalyze_late FROM monitoring_settings WHERE project = ?")) {
                ps.setString(1, project);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new MonitoringSettings(project, rs.getBoolean(1),
                            rs.getString(2) == null ? null : Duration.parse(rs.getString(2)),
                            Sql.stringMap(rs.getString(3)), rs.getBoolean(4))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void putMonitoringSettings(MonitoringSettings s) {
        Objects.requireNonNull(s, "settings");
        Objects.requireNonNull(s.basePeriod(), "basePeriod");
        db.write("put monitoring settings of " + s.project(), c -> {
            try (PreparedStatement ps = db.statement(c, "INSERT OR REPLACE INTO monitoring_settings (project, enabled,"
                    + " base_period, base_period_seconds, credentials, updated, reanalyze_late) VALUES "
                    + "(?, ?, ?, ?, ?, make_timestamp(?::BIGINT), ?)")) {
                ps.setString(1, s.project());
                ps.setBoolean(2, s.enabled());
                ps.setString(3, s.basePeriod().toString());
                ps.setDouble(4, s.basePeriod().toNanos() / 1e9);
                ps.setString(5, Sql.json(s.credentials()));
                Sql.setTime(ps, 6, db.clock().instant());
                ps.setBoolean(7, s.reanalyzeLate());
                ps.executeUpdate();
            }
            return null;
        });
        settings.invalidate();
    }

    @Override
    public void putApplication(AppRegistration app) {
        Objects.requireNonNull(app, "app");
        db.write("put application " + app.name(), c -> {
            try (PreparedStatement ps = db.statement(c, 
                    "INSERT OR REPLACE INTO applications VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT))")) {
                ps.setString(1, app.project());
                ps.setString(2, app.name());
                ps.setString(3, app.className());
                ps.setString(4, app.jar());
                ps.setString(5, Sql.json(app.params()));
                Sql.setTime(ps, 6, app.created());
                ps.executeUpdate();
            }
            return null;
        });
        apps.invalidate();
    }

    @Override
    public boolean deleteApplication(String project, String name) {
        boolean deleted = db.write("delete application " + name, c -> {
            try (PreparedStatement ps = db.statement(c, 
                    "DELETE FROM applications WHERE project = ? AND name = ?")) {
                ps.setString(1, project);
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            }
        });
        apps.invalidate();
        return deleted;
    }

    @Override
    public List<AppRegistration> applications(String project) {
        return apps.get(project, p -> List.copyOf(readApplications(p)));
    }

    private List<AppRegistration> readApplications(String project) {
        return db.read("list applications of " + project, c -> {
            List<AppRegistration> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, 
                    "SELECT " + APP_COLUMNS + " FROM applications WHERE project = ? ORDER BY name")) {
                ps.setString(1, project);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AppRegistration(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), Sql.stringMap(rs.getString(5)), Sql.time(rs, 6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean deleteProject(String project) {
        Deletes.byProject(db, project, List.of("models", "monitoring_settings", "applications"));
        boolean deleted = db.write("delete project " + project, c -> {
            try (PreparedStatement ps = db.statement(c, "DELETE FROM projects WHERE name = ?")) {
                ps.setString(1, project);
                return ps.executeUpdate() > 0;
            }
        });
        projectNames.invalidate();
        settings.invalidate();
        apps.invalidate();
        return deleted;
    }
}
