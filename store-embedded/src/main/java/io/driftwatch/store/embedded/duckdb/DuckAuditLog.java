package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link AuditLog} on the {@code audit_log} table of the embedded database. */
public final class DuckAuditLog implements AuditLog {
    private static final String COLUMNS = "epoch_us(time), actor, role, method, route, project, status, remote";
    private final DuckDatabase db;

    private DuckAuditLog(DuckDatabase db) {
        this.db = db;
    }

    /** The audit log of an open embedded database (its table is created with the others). */
    public static AuditLog of(EmbeddedStores stores) {
        if (!(stores instanceof DuckDatabase d)) {
            throw new IllegalArgumentException("not an embedded DuckDB database: " + stores.getClass().getName());
        }
        return new DuckAuditLog(d);
    }

    @Override
    public void append(Entry e) {
        Objects.requireNonNull(e, "entry");
        db.write("append audit entry", c -> {
            try (PreparedStatement ps = db.statement(c, "INSERT INTO audit_log VALUES (make_timestamp(?::BIGINT), "
                    + "?, ?, ?, ?, ?, ?, ?, nextval('row_seq'))")) {
                Sql.setTime(ps, 1, e.time());
                ps.setString(2, e.actor());
                ps.setString(3, e.role());
                ps.setString(4, e.method());
                ps.setString(5, e.route());
                ps.setString(6, e.project());
                ps.setInt(7, e.status());
                ps.setString(8, e.remote());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Entry> query(Filter f) {
        String sql = "SELECT " + COLUMNS + " FROM audit_log WHERE true"
                + (f.project() == null ? "" : " AND project = ?") + (f.actor() == null ? "" : " AND actor = ?")
                + (f.since() == null ? "" : " AND time >= make_timestamp(?::BIGINT)")
                + (f.until() == null ? "" : " AND time < make_timestamp(?::BIGINT)")
                + " ORDER BY time DESC, seq DESC LIMIT ?";
        return db.read("query audit log", c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql)) {
                int i = bind(ps, f);
                ps.setInt(i, f.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Binds the filter's conditions in the order of the query; returns the next parameter index. */
    private static int bind(PreparedStatement ps, Filter f) throws SQLException {
        int i = 1;
        for (String text : new String[] {f.project(), f.actor()}) {
            if (text != null) {
                ps.setString(i++, text);
            }
        }
        for (Instant t : new Instant[] {f.since(), f.until()}) {
            if (t != null) {
                Sql.setTime(ps, i++, t);
            }
        }
        return i;
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        return (int) Deletes.olderThan(db, cutoff, List.of(List.of("audit_log", "time")));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(Sql.time(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getString(8));
    }
}
