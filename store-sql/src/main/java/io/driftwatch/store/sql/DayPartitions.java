package io.driftwatch.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daily partitions of PostgreSQL's {@code predictions} and {@code errors} ({@code predictions_p20250102} holds
 * {@code [2025-01-02, 2025-01-03)} UTC). Before rows are written, the partitions of their days are created if
 * missing ({@link #ensure}, in their own auto-commit statements: no lock on the parent is held by the writing
 * transaction); the days known to exist are remembered per process, so a steady writer issues no DDL. Retention
 * drops whole days ({@link #dropBefore}). Nothing happens on MySQL (its tables are not partitioned).
 */
final class DayPartitions {
    static final List<String> TABLES = List.of("predictions", "errors");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private final SqlDatabase db;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    DayPartitions(SqlDatabase db) {
        this.db = db;
    }

    /** Creates the missing partitions of {@code table} for the days of {@code times} (PostgreSQL only). */
    void ensure(String table, Collection<Instant> times) {
        if (db.dialect() != Dialect.POSTGRESQL || times.isEmpty()) {
            return;
        }
        Set<LocalDate> days = new TreeSet<>();
        times.forEach(t -> days.add(LocalDate.ofInstant(t, ZoneOffset.UTC)));
        List<LocalDate> missing = days.stream().filter(d -> !known.contains(name(table, d))).toList();
        if (missing.isEmpty()) {
            return;
        }
        db.detached("create partitions of " + table, c -> {
            for (LocalDate d : missing) {
                create(c, table, d);
            }
            return null;
        });
    }

    private void create(Connection c, String table, LocalDate day) throws SQLException {
        String name = name(table, day);
        String sql = "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ('" + day
                + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')";
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            // another process created it at the same moment (duplicate table / catalog unique violation)
            if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        known.add(name);
    }

    /** Forgets the known partitions (after a write found one missing: another process dropped it). */
    void forget() {
        known.clear();
    }

    static String name(String table, LocalDate day) {
        return table + "_p" + DAY.format(day);
    }

    /**
     * Drops the partitions of {@code table} whose whole day is before {@code cutoff}, in the caller's connection;
     * returns how many rows they held.
     */
    long dropBefore(Connection c, String table, Instant cutoff) throws SQLException {
        LocalDate firstKept = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        long rows = 0;
        for (String partition : partitions(c, table)) {
            LocalDate day = LocalDate.parse(partition.substring(table.length() + 2), DAY);
            if (day.isBefore(firstKept)) {
                rows += Jdbc.first(c, db.dialect(), "SELECT count(*) FROM " + partition, rs -> rs.getLong(1),
                        List.of()).orElse(0L);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + partition);
                }
                known.remove(partition);
            }
        }
        return rows;
    }

    private List<String> partitions(Connection c, String table) throws SQLException {
        List<String> names = Jdbc.query(c, db.dialect(), "SELECT child.relname FROM pg_inherits i"
                + " JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent"
                + " WHERE parent.relname = ? AND pg_table_is_visible(parent.oid)", rs -> rs.getString(1),
                List.of(table));
        List<String> days = new ArrayList<>();
        for (String n : names) {
            if (n.matches(table + "_p\\d{8}")) {
                days.add(n);
            }
        }
        return days;
    }
}
