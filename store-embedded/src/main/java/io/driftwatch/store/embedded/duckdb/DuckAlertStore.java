package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.AlertStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AlertStore} on the {@code alert_configs} and {@code alert_activations} tables of the embedded database.
 * An activation's endpoint uids are kept as {@code ,uid1,uid2,} so a per-endpoint listing is one substring test
 * (a scan of the project's activations: fine for the thousands an alert history holds).
 */
public final class DuckAlertStore implements AlertStore {
    private static final String ACT_COLUMNS = "project, id, alert, epoch_us(time), active, endpoints, activation";
    private final DuckDatabase db;

    private DuckAlertStore(DuckDatabase db) {
        this.db = db;
    }

    /** The alert store of an open embedded database (its tables are created with the others). */
    public static AlertStore of(EmbeddedStores stores) {
        if (!(stores instanceof DuckDatabase d)) {
            throw new IllegalArgumentException("not an embedded DuckDB database: " + stores.getClass().getName());
        }
        return new DuckAlertStore(d);
    }

    @Override
    public void putConfig(ConfigRow row) {
        Objects.requireNonNull(row, "row");
        db.write("put alert " + row.name(), c -> {
            try (PreparedStatement ps = db.statement(c, 
                    "INSERT OR REPLACE INTO alert_configs VALUES (?, ?, ?, make_timestamp(?::BIGINT))")) {
                ps.setString(1, row.project());
                ps.setString(2, row.name());
                ps.setString(3, row.json());
                Sql.setTime(ps, 4, row.updated());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ConfigRow> config(String project, String name) {
        return configs("SELECT project, name, config, epoch_us(updated) FROM alert_configs WHERE project = ? AND name = ?",
                project, name).stream().findFirst();
    }

    @Override
    public List<ConfigRow> configs(String project) {
        return configs("SELECT project, name, config, epoch_us(updated) FROM alert_configs WHERE project = ? "
                + "ORDER BY name", project);
    }

    private List<ConfigRow> configs(String sql, String... args) {
        return db.read("query alert configs", c -> {
            List<ConfigRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ConfigRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, 4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean deleteConfig(String project, String name) {
        return db.write("delete alert " + name, c -> {
            try (PreparedStatement ps = db.statement(c, "DELETE FROM alert_configs WHERE project = ? AND name = ?")) {
                ps.setString(1, project);
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void putActivation(ActivationRow row) {
        Objects.requireNonNull(row, "row");
        db.write("put alert activation " + row.id(), c -> {
            try (PreparedStatement ps = db.statement(c, "INSERT OR REPLACE INTO alert_activations VALUES "
                    + "(?, ?, ?, make_timestamp(?::BIGINT), ?, ?, ?)")) {
                ps.setString(1, row.project());
                ps.setString(2, row.id());
                ps.setString(3, row.alert());
                Sql.setTime(ps, 4, row.time());
                ps.setBoolean(5, row.active());
                ps.setString(6, "," + String.join(",", row.endpoints()) + ",");
                ps.setString(7, row.json());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ActivationRow> activation(String project, String id) {
        return db.read("get alert activation", c -> {
            try (PreparedStatement ps = db.statement(c, "SELECT " + ACT_COLUMNS
                    + " FROM alert_activations WHERE project = ? AND id = ?")) {
                ps.setString(1, project);
                ps.setString(2, id);
                return read(ps).stream().findFirst();
            }
        });
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
            sql.append(" AND contains(endpoints, ?)");
            args.add("," + q.endpoint() + ",");
        }
        if (q.active() != null) {
            sql.append(" AND active = ?");
            args.add(q.active());
        }
        if (q.since() != null) {
            sql.append(" AND time >= make_timestamp(?::BIGINT)");
            args.add(Sql.micros(q.since()));
        }
        sql.append(" ORDER BY time DESC, id DESC LIMIT ").append(q.limit());
        return db.read("query alert activations", c -> {
            try (PreparedStatement ps = db.statement(c, sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return read(ps);
            }
        });
    }

    private static List<ActivationRow> read(PreparedStatement ps) throws SQLException {
        List<ActivationRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String eps = rs.getString(6);
                List<String> endpoints = Arrays.stream(eps.split(",")).filter(s -> !s.isEmpty()).toList();
                out.add(new ActivationRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, 4),
                        rs.getBoolean(5), endpoints, rs.getString(7)));
            }
        }
        return out;
    }

    @Override
    public void deleteProject(String project) {
        Deletes.byProject(db, project, List.of("alert_configs", "alert_activations"));
    }

    @Override
    public int deleteActivationsOlderThan(Instant cutoff) {
        return (int) Deletes.olderThan(db, cutoff, List.of(List.of("alert_activations", "time")));
    }
}
