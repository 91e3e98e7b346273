package io.driftwatch.store.sql;

import io.driftwatch.engine.port.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** {@link AuditLog} on {@code audit_log}; {@code seq} (identity) orders entries of equal time. */
final class SqlAuditLog implements AuditLog {
    private static final List<String> COLUMNS = List.of("time", "actor", "role", "method", "route", "project",
            "status", "remote");
    private final SqlDatabase db;

    SqlAuditLog(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void append(Entry e) {
        Objects.requireNonNull(e, "entry");
        db.read("append audit entry", c -> Jdbc.update(c, db.dialect(), Dialect.insert("audit_log", COLUMNS),
                Arrays.asList(e.time(), e.actor(), e.role(), e.method(), e.route(), e.project(), e.status(),
                        e.remote())));
    }

    @Override
    public List<Entry> query(Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", COLUMNS) + " FROM audit_log WHERE 1 = 1");
        condition(sql, args, " AND project = ?", f.project());
        condition(sql, args, " AND actor = ?", f.actor());
        condition(sql, args, " AND time >= ?", f.since());
        condition(sql, args, " AND time < ?", f.until());
        sql.append(" ORDER BY time DESC, seq DESC LIMIT ").append(f.limit());
        return db.read("query audit log", c -> Jdbc.query(c, db.dialect(), sql.toString(), rs -> new Entry(
                db.dialect().time(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getString(8)), args));
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        return (int) Retention.deleteWhere(db, "audit_log", "time < ?", List.of(cutoff));
    }
}
