package io.driftwatch.store.sql;

import io.driftwatch.FeatureStats;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.ModelRecord;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProjectStore} on {@code projects, models, monitoring_settings, applications}. A model without a version is
 * stored with version {@code ''}; the latest version is the newest {@code created} (NULL last), then the last put.
 * No cache: another Driftwatch process may write the same database.
 */
final class SqlProjectStore implements ProjectStore {
    private static final String MODEL_COLUMNS = "project, name, version, framework, label_column, model_path, "
            + "feature_names, label_names, feature_stats, created";
    private static final List<String> MODEL_INSERT = List.of("project", "name", "version", "framework",
            "label_column", "model_path", "feature_names", "label_names", "feature_stats", "created");
    private static final List<String> SETTINGS = List.of("project", "enabled", "base_period", "base_period_seconds",
            "credentials", "reanalyze_late", "updated");
    private static final List<String> APPS = List.of("project", "name", "class_name", "jar", "params", "created");
    private final SqlDatabase db;

    SqlProjectStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public boolean createProject(String name) {
        Objects.requireNonNull(name, "name");
        return db.read("create project " + name, c -> Jdbc.update(c, db.dialect(), db.dialect()
                .insertIgnore("projects", List.of("name", "created")), List.of(name, db.clock().instant())) > 0);
    }

    @Override
    public boolean projectExists(String name) {
        return db.read("read project " + name, c -> Jdbc.first(c, db.dialect(),
                "SELECT 1 FROM projects WHERE name = ?", rs -> true, List.of(name)).isPresent());
    }

    @Override
    public List<String> projects() {
        return db.read("list projects", c -> Jdbc.query(c, db.dialect(), "SELECT name FROM projects ORDER BY name",
                rs -> rs.getString(1), List.of()));
    }

    @Override
    public void putModel(ModelRecord m) {
        Objects.requireNonNull(m, "model");
        List<Object> values = new ArrayList<>(List.of(m.project(), m.name(), m.version() == null ? "" : m.version()));
        values.add(m.framework());
        values.add(m.labelColumn());
        values.add(m.modelPath());
        values.add(Jdbc.json(m.featureNames()));
        values.add(Jdbc.json(m.labelNames()));
        values.add(EndpointJson.writeStats(m.featureStats() == null ? FeatureStats.empty() : m.featureStats()));
        values.add(m.created() == null ? new Jdbc.Null(java.sql.Types.TIMESTAMP) : m.created());
        // delete + insert: a replaced model takes a new seq (it becomes the last put)
        db.write("put model " + m.name(), c -> {
            Jdbc.update(c, db.dialect(), "DELETE FROM models WHERE project = ? AND name = ? AND version = ?",
                    values.subList(0, 3));
            return Jdbc.update(c, db.dialect(), Dialect.insert("models", MODEL_INSERT), values);
        });
    }

    @Override
    public Optional<ModelRecord> model(String project, String name, String version) {
        String sql = "SELECT " + MODEL_COLUMNS + " FROM models WHERE project = ? AND name = ?" + (version == null
                ? " ORDER BY (created IS NULL), created DESC, seq DESC LIMIT 1" : " AND version = ?");
        List<String> args = version == null ? List.of(project, name) : List.of(project, name, version);
        return models(sql, args).stream().findFirst();
    }

    @Override
    public List<ModelRecord> models(String project) {
        return models("SELECT " + MODEL_COLUMNS + " FROM models WHERE project = ? ORDER BY name, seq",
                List.of(project));
    }

    private List<ModelRecord> models(String sql, List<String> args) {
        return db.read("query models", c -> Jdbc.query(c, db.dialect(), sql, this::model, args));
    }

    private ModelRecord model(ResultSet rs) throws SQLException {
        String version = rs.getString(3);
        return new ModelRecord(rs.getString(1), rs.getString(2), version.isEmpty() ? null : version,
                rs.getString(4), rs.getString(5), rs.getString(6), Jdbc.stringList(rs.getString(7)),
                Jdbc.stringList(rs.getString(8)), EndpointJson.readStats(rs.getString(9)), db.dialect().time(rs, 10));
    }

    @Override
    public Optional<MonitoringSettings> monitoringSettings(String project) {
        return db.read("read monitoring settings of " + project, c -> Jdbc.first(c, db.dialect(),
                "SELECT enabled, base_period, credentials, reanalyze_late FROM monitoring_settings WHERE project = ?",
                rs -> new MonitoringSettings(project, rs.getBoolean(1), Duration.parse(rs.getString(2)),
                        Jdbc.stringMap(rs.getString(3)), rs.getBoolean(4)), List.of(project)));
    }

    @Override
    public void putMonitoringSettings(MonitoringSettings s) {
        Objects.requireNonNull(s, "settings");
        Objects.requireNonNull(s.basePeriod(), "basePeriod");
        List<Object> values = List.of(s.project(), s.enabled(), s.basePeriod().toString(),
                s.basePeriod().toNanos() / 1e9, Jdbc.json(s.credentials()), s.reanalyzeLate(), db.clock().instant());
        db.read("put monitoring settings of " + s.project(), c -> Jdbc.update(c, db.dialect(),
                db.dialect().upsert("monitoring_settings", SETTINGS, List.of("project")), values));
    }

    @Override
    public void putApplication(AppRegistration app) {
        Objects.requireNonNull(app, "app");
        List<Object> values = new ArrayList<>(List.of(app.project(), app.name(), app.className()));
        values.add(app.jar());
        values.add(Jdbc.json(app.params()));
        values.add(app.created() == null ? new Jdbc.Null(java.sql.Types.TIMESTAMP) : app.created());
        db.read("put application " + app.name(), c -> Jdbc.update(c, db.dialect(),
                db.dialect().upsert("applications", APPS, List.of("project", "name")), values));
    }

    @Override
    public boolean deleteApplication(String project, String name) {
        return db.read("delete application " + name, c -> Jdbc.update(c, db.dialect(),
                "DELETE FROM applications WHERE project = ? AND name = ?", List.of(project, name)) > 0);
    }

    @Override
    public List<AppRegistration> applications(String project) {
        return db.read("list applications of " + project, c -> Jdbc.query(c, db.dialect(),
                "SELECT " + String.join(", ", APPS) + " FROM applications WHERE project = ? ORDER BY name",
                rs -> new AppRegistration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Jdbc.stringMap(rs.getString(5)), db.dialect().time(rs, 6)), List.of(project)));
    }

    @Override
    public boolean deleteProject(String project) {
        return db.write("delete project " + project, c -> {
            for (String table : List.of("models", "monitoring_settings", "applications")) {
                Jdbc.update(c, db.dialect(), "DELETE FROM " + table + " WHERE project = ?", List.of(project));
            }
            return Jdbc.update(c, db.dialect(), "DELETE FROM projects WHERE name = ?", List.of(project)) > 0;
        });
    }
}
