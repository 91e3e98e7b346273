package io.driftwatch.store.embedded.duckdb;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * The prepared statements of one pooled connection, by SQL text, least recently used evicted beyond
 * {@value #CAPACITY}. DuckDB parses, binds and plans a statement at {@code prepareStatement}: for the point queries
 * and inserts of the stores that was a third of the controller's CPU (async-profiler, 100 endpoints × 1 window on
 * 2 cores; docs/benchmarks.md "Round 3"). A statement handed out is a view whose {@code close()} clears its
 * parameters and batch and keeps it for the next use, so callers keep their try-with-resources. A statement whose
 * use throws is dropped (closed), so a broken one is prepared anew. Not thread-safe: the pool lends a connection,
 * and so its cache, to one thread at a time.
 */
final class StatementCache implements AutoCloseable {
    static final int CAPACITY = 64;
    private final DuckDBConnection connection;
    private final LinkedHashMap<String, PreparedStatement> bySql = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > CAPACITY) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    StatementCache(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** A prepared statement of {@code sql}: closing it returns it to this cache. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = bySql.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            bySql.put(sql, ps);
        }
        PreparedStatement target = ps;
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> invoke(sql, target, method, args));
    }

    private Object invoke(String sql, PreparedStatement target, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                if (!target.isClosed()) { // closed: dropped after a failure
                    target.clearParameters();
                    target.clearBatch();
                }
                return null;
            }
            case "isClosed" -> {
                return target.isClosed();
            }
            default -> {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof SQLException) {
                        bySql.remove(sql, target);
                        closeQuietly(target);
                    }
                    throw e.getCause();
                }
            }
        }
    }

    /** The number of statements held. */
    int size() {
        return bySql.size();
    }

    @Override
    public void close() {
        bySql.values().forEach(StatementCache::closeQuietly);
        bySql.clear();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // closing: a statement that fails to close holds nothing we can release
        }
    }
}
