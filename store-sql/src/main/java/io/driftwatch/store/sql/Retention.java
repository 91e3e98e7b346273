package io.driftwatch.store.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes by age and by project. PostgreSQL: the day partitions of {@code predictions} and {@code errors} that lie
 * wholly before the cutoff are dropped (no row-by-row delete, no vacuum debt), the cutoff's own day is deleted
 * row-wise; other tables take one {@code DELETE}. MySQL: deletes run in chunks of
 * {@value SqlTimeSeriesStore#DELETE_CHUNK} rows ({@code DELETE … LIMIT}), each its own short transaction, so
 * retention never holds a long lock or a huge undo log.
 */
final class Retention {
    private Retention() {
    }

    /** Deletes the rows of {@code table} whose {@code column < cutoff}; returns how many. */
    static long olderThan(SqlDatabase db, String table, String column, Instant cutoff) {
        long dropped = 0;
        if (db.dialect() == Dialect.POSTGRESQL && DayPartitions.TABLES.contains(table)) {
            dropped = db.write("drop partitions of " + table, c -> db.partitions().dropBefore(c, table, cutoff));
        }
        return dropped + deleteWhere(db, table, column + " < ?", List.of(cutoff));
    }

    /** Deletes the rows of every table matching {@code where}. */
    static long deleteWhere(SqlDatabase db, List<String> tables, String where, List<?> args) {
        long n = 0;
        for (String table : tables) {
            n += deleteWhere(db, table, where, args);
        }
        return n;
    }

    static long deleteWhere(SqlDatabase db, String table, String where, List<?> args) {
        String sql = "DELETE FROM " + table + " WHERE " + where;
        if (db.dialect() == Dialect.POSTGRESQL) {
            return db.read("delete from " + table, c -> Jdbc.update(c, db.dialect(), sql, args));
        }
        long total = 0;
        int n;
        do {
            List<Object> a = new ArrayList<>(args);
            n = db.read("delete from " + table, c -> Jdbc.update(c, db.dialect(),
                    sql + " LIMIT " + SqlTimeSeriesStore.DELETE_CHUNK, a));
            total += n;
        } while (n == SqlTimeSeriesStore.DELETE_CHUNK);
        return total;
    }
}
