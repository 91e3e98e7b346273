package io.driftwatch.store.sql;

import io.driftwatch.engine.port.AccessKeyStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AccessKeyStore} on {@code access_keys} (hashes only; no cache: a deleted key is gone for every process). */
final class SqlAccessKeyStore implements AccessKeyStore {
    private static final String COLUMNS = "id, project, role, hash, created";
    private final SqlDatabase db;

    SqlAccessKeyStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void addKey(KeyRow row) {
        Objects.requireNonNull(row, "row");
        int added = db.read("add access key " + row.id(), c -> Jdbc.update(c, db.dialect(),
                db.dialect().insertIgnore("access_keys", List.of("id", "project", "role", "hash", "created")),
                List.of(row.id(), row.project(), row.role(), row.hash(), row.created())));
        if (added == 0) {
            throw new IllegalArgumentException("access key id '" + row.id() + "' exists");
        }
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
        return db.read("delete access key " + id, c -> Jdbc.update(c, db.dialect(),
                "DELETE FROM access_keys WHERE project = ? AND id = ?", List.of(project, id)) > 0);
    }

    private List<KeyRow> query(String sql, String arg) {
        return db.read("query access keys", c -> Jdbc.query(c, db.dialect(), sql, rs -> new KeyRow(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), db.dialect().time(rs, 5)), List.of(arg)));
    }
}
