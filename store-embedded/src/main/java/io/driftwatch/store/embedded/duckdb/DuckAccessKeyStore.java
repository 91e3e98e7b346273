package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.AccessKeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AccessKeyStore} on the {@code access_keys} table of the embedded database (hashes only). */
public final class DuckAccessKeyStore implements AccessKeyStore {
    private static final String COLUMNS = "id, project, role, hash, epoch_us(created)";
    private final DuckDatabase db;

    private DuckAccessKeyStore(DuckDatabase db) {
        this.db = db;
    }

    /** The access-key store of an open embedded database (its table is created with the others). */
    public static AccessKeyStore of(EmbeddedStores stores) {
        if (!(stores instanceof DuckDatabase d)) {
            throw new IllegalArgumentException("not an embedded DuckDB database: " + stores.getClass().getName());
        }
        return new DuckAccessKeyStore(d);
    }

    @Override
    public void addKey(KeyRow row) {
        Objects.requireNonNull(row, "row");
        if (key(row.id()).isPresent()) {
            throw new IllegalArgumentException("access key id '" + row.id() + "' exists");
        }
        db.write("add access key " + row.id(), c -> {
            try (PreparedStatement ps = db.statement(c,
                    "INSERT INTO access_keys VALUES (?, ?, ?, ?, make_timestamp(?::BIGINT))")) {
                ps.setString(1, row.id());
                ps.setString(2, row.project());
                ps.setString(3, row.role());
                ps.setString(4, row.hash());
                Sql.setTime(ps, 5, row.created());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<KeyRow> key(String id) {
        return query("SELECT " + COLUMNS + " FROM access_keys WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<KeyRow> keys(String project) {
        return query("SELECT " + COLUMNS + " FROM access_keys WHERE project = ? ORDER BY created, id", project);
    }

    @Override
    public boolean deleteKey(String project, String id) {
        return db.write("delete access key " + id, c -> {
            try (PreparedStatement ps = db.statement(c, "DELETE FROM access_keys WHERE project = ? AND id = ?")) {
                ps.setString(1, project);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private List<KeyRow> query(String sql, String arg) {
        return db.read("query access keys", c -> {
            List<KeyRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static KeyRow row(ResultSet rs) throws SQLException {
        return new KeyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.time(rs, 5));
    }
}
