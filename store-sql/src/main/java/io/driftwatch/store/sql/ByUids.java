package io.driftwatch.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One statement reading the rows of some endpoints of a project through a primary key that starts with
 * {@code (project, uid)}, with a plan that does not depend on table statistics.
 *
 * <p>PostgreSQL plans {@code project = ? AND uid IN (…)} on a table that autovacuum has not analysed yet (a new
 * database, a project filled in the last minute) as an index scan on {@code project} alone with {@code uid} as a
 * filter: every call reads the whole project (measured: 13,000 rows read to return 832, 5.5 ms, at 1,000 endpoints;
 * on {@code endpoints}, 9,996 rows read to lock 4 of 10,000, 2 ms; linear in the project's size, so a controller
 * cycle over 10,000 endpoints is quadratic). Here it is one parameterised primary-key lookup per uid
 * ({@code unnest(uids) CROSS JOIN LATERAL (… OFFSET 0)}: the fence keeps the planner from flattening it into a join
 * it could plan as a scan): cost linear in the rows returned. MySQL and MariaDB plan the {@code IN} list as one
 * range per uid (index dives), so they keep it. Duplicate uids are read once; the lookups run in the order of
 * {@code uids} (the lock order of {@link #of} with {@code lock}).
 *
 * <p>Only for tables whose one index starting with {@code project} is that primary key ({@code app_results_latest},
 * {@code app_metrics_latest} since schema version 6, {@code endpoints} since version 7): without statistics every
 * plan of the per-uid lookup is estimated at one row, and PostgreSQL picked any index that starts with
 * {@code project} (before version 7, {@code endpoints_function (project, function_name)}, with the uid as a filter:
 * a scan of the project per uid).
 */
final class ByUids {
    /** The statement and its arguments. */
    record Query(String sql, List<Object> args) {
    }

    private ByUids() {
    }

    /**
     * {@code select} (a SELECT … FROM … without WHERE, whose table {@code alias} has columns project and uid)
     * restricted to {@code project} and {@code uids}.
     */
    static Query of(Connection c, Dialect d, String select, String alias, String project, Collection<String> uids)
            throws SQLException {
        return of(c, d, select, alias, project, uids, false);
    }

    /** As {@link #of}; with {@code lock}, the rows read are locked ({@code FOR UPDATE}) in the order of uids. */
    static Query of(Connection c, Dialect d, String select, String alias, String project, Collection<String> uids,
                    boolean lock) throws SQLException {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(uids));
        String a = alias.isEmpty() ? "" : alias + ".";
        String locking = lock ? " FOR UPDATE" : "";
        if (d == Dialect.POSTGRESQL) {
            return new Query("SELECT x.* FROM unnest(?) AS k(uid) CROSS JOIN LATERAL (" + select + " WHERE " + a
                    + "project = ? AND " + a + "uid = k.uid OFFSET 0" + locking + ") x",
                    List.of(c.createArrayOf("varchar", distinct.toArray()), project));
        }
        List<Object> args = new ArrayList<>(distinct.size() + 1);
        args.add(project);
        args.addAll(distinct);
        return new Query(select + " WHERE " + a + "project = ? AND " + a + "uid IN ("
                + String.join(", ", Collections.nCopies(distinct.size(), "?")) + ")"
                + (lock ? " ORDER BY " + a + "uid" : "") + locking, args);
    }

    /** The rows of {@link #of}, mapped. */
    static <T> List<T> query(Connection c, Dialect d, String select, String alias, String project,
                             Collection<String> uids, Jdbc.RowMapper<T> mapper) throws SQLException {
        return query(c, d, select, alias, project, uids, false, mapper);
    }

    /** The rows of {@link #of} with {@code lock}, mapped. */
    static <T> List<T> query(Connection c, Dialect d, String select, String alias, String project,
                             Collection<String> uids, boolean lock, Jdbc.RowMapper<T> mapper) throws SQLException {
        if (uids.isEmpty()) {
            return List.of();
        }
        Query q = of(c, d, select, alias, project, uids, lock);
        return Jdbc.query(c, d, q.sql(), mapper, q.args());
    }
}
