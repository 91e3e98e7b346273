package io.driftwatch.store.sql;

import io.driftwatch.engine.port.AlertStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AlertStore} on {@code alert_configs} and {@code alert_activations}. An activation's endpoint uids are kept
 * as {@code ,uid1,uid2,} and a per-endpoint listing tests {@code POSITION(',uid,' IN endpoints) > 0} over the
 * project's activations in time order (index {@code (project, time)}).
 */
final class SqlAlertStore implements AlertStore {
    private static final String ACT_COLUMNS = "project, id, alert, time, active, endpoints, activation";
    private final SqlDatabase db;

    SqlAlertStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void putConfig(ConfigRow row) {
        Objects.requireNonNull(row, "row");
        db.read("put alert " + row.name(), c -> Jdbc.update(c, db.dialect(), db.dialect().upsert("alert_configs",
                List.of("project", "name", "config", "updated"), List.of("project", "name")),
                List.of(row.project(), row.name(), row.json(), row.updated())));
    }

    @Override
    public Optional<ConfigRow> config(String project, String name) {
        return configs("SELECT project, name, config, updated FROM alert_configs WHERE project = ? AND name = ?",
                List.of(project, name)).stream().findFirst();
    }

    @Override
    public List<ConfigRow> configs(String project) {
        return configs("SELECT project, name, config, updated FROM alert_configs WHERE project = ? ORDER BY name",
                List.of(project));
    }

    private List<ConfigRow> configs(String sql, List<String> args) {
        return db.read("query alert configs", c -> Jdbc.query(c, db.dialect(), sql, rs -> new ConfigRow(
                rs.getString(1), rs.getString(2), rs.getString(3), db.dialect().time(rs, 4)), args));
    }

    @Override
    public boolean deleteConfig(String project, String name) {
        return db.read("delete alert " + name, c -> Jdbc.update(c, db.dialect(),
                "DELETE FROM alert_configs WHERE project = ? AND name = ?", List.of(project, name)) > 0);
    }

    @Override
    public void putActivation(ActivationRow row) {
        Objects.requireNonNull(row, "row");
        db.read("put alert activation " + row.id(), c -> Jdbc.update(c, db.dialect(), db.dialect().upsert(
                "alert_activations", List.of("project", "id", "alert", "time", "active", "endpoints", "activation"),
                List.of("project", "id")), List.of(row.project(), row.id(), row.alert(), row.time(), row.active(),
                "," + String.join(",", row.endpoints()) + ",", row.json())));
    }

    @Override
    public Optional<ActivationRow> activation(String project, String id) {
        return db.read("get alert activation", c -> Jdbc.first(c, db.dialect(), "SELECT " + ACT_COLUMNS
                + " FROM alert_activations WHERE project = ? AND id = ?", this::row, List.of(project, id)));
    }

    @Override
    public List<ActivationRow> activations(ActivationQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + ACT_COLUMNS + " FROM alert_activations WHERE project = ?");
        List<Object> args = new ArrayList<>(List.of(q.project()));
        if (q.alert() != null) {
            sql.append(" AND alert = ?");
            args.add(q.alert());
        }
        if (q.endpoint() != null) {
            sql.append(" AND POSITION(? IN endpoints) > 0");
            args.add("," + q.endpoint() + ",");
        }
        if (q.active() != null) {
            sql.append(" AND active = ?");
            args.add(q.active());
        }
        if (q.since() != null) {
            sql.append(" AND time >= ?");
            args.add(q.since());
        }
        sql.append(" ORDER BY time DESC, id DESC LIMIT ").append(q.limit());
        return db.read("query alert activations", c -> Jdbc.query(c, db.dialect(), sql.toString(), this::row, args));
    }

    private ActivationRow row(ResultSet rs) throws SQLException {
        List<String> endpoints = Arrays.stream(rs.getString(6).split(",")).filter(s -> !s.isEmpty()).toList();
        return new ActivationRow(rs.getString(1), rs.getString(2), rs.getString(3), db.dialect().time(rs, 4),
                rs.getBoolean(5), endpoints, rs.getString(7));
    }

    @Override
    public void deleteProject(String project) {
        Retention.deleteWhere(db, List.of("alert_configs", "alert_activations"), "project = ?", List.of(project));
    }

    @Override
    public int deleteActivationsOlderThan(Instant cutoff) {
        return (int) Retention.deleteWhere(db, "alert_activations", "time < ?", List.of(cutoff));
    }
}
