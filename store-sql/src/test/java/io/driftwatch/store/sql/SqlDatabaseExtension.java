package io.driftwatch.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared fixture of the SQL tests: per test run (JVM) and server one fresh database with a random name,
 * migrated once, emptied before each test ({@link #fresh}) and dropped when the run ends (a closeable resource of
 * JUnit's root store). Register with {@code @ExtendWith(SqlDatabaseExtension.class)}.
 */
public final class SqlDatabaseExtension implements BeforeAllCallback {
    /** The tables a test empties (every table of the schema but Flyway's history). */
    static final List<String> TABLES = List.of("projects", "models", "monitoring_settings", "applications",
            "endpoints", "endpoint_drift", "monitoring_schedules", "processor_offsets", "predictions", "errors",
            "app_results", "app_metrics", "app_results_latest", "app_metrics_latest", "alert_configs", "alert_activations", "access_keys", "audit_log");
    private static final Map<TestDatabase, Run> RUNS = new EnumMap<>(TestDatabase.class);
    private static final List<SqlStores> REOPENED = new java.util.ArrayList<>();

    /** The database of one server in this run. */
    record Run(TestDatabase server, String name, SqlStores stores) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            stores.close();
            server.drop(name);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SqlDatabaseExtension.class,
                k -> (AutoCloseable) SqlDatabaseExtension::closeAll, AutoCloseable.class);
    }

    private static synchronized void closeAll() throws SQLException {
        closeReopened();
        for (Run r : RUNS.values()) {
            r.close();
        }
        RUNS.clear();
    }

    /** The run's database on {@code server} (created and migrated on first use). */
    static synchronized Run run(TestDatabase server) throws SQLException {
        Run r = RUNS.get(server);
        if (r == null) {
            String name = server.create();
            r = new Run(server, name, server.open(name, Clock.systemUTC()));
            RUNS.put(server, r);
        }
        return r;
    }

    /** The run's stores on {@code server}, every table empty. */
    static synchronized SqlStores fresh(TestDatabase server) throws SQLException {
        closeReopened();
        Run r = run(server);
        try (Connection c = server.connect(r.name()); Statement s = c.createStatement()) {
            // DELETE, not TRUNCATE: a few rows per test, and PostgreSQL's TRUNCATE of 18 tables costs ~0.3 s
            for (String t : TABLES) {
                s.execute("DELETE FROM " + t);
            }
        }
        return r.stores();
    }

    /** A second instance on the run's database (as another process or a restart sees it); closed by the next test. */
    static synchronized SqlStores reopened(TestDatabase server) throws SQLException {
        SqlStores s = server.open(run(server).name(), Clock.systemUTC());
        REOPENED.add(s);
        return s;
    }

    private static void closeReopened() {
        REOPENED.forEach(SqlStores::close);
        REOPENED.clear();
    }

    /** Another instance on the run's database with {@code clock}; closed by the next test. */
    static synchronized SqlStores opened(TestDatabase server, java.time.Clock clock) throws SQLException {
        SqlStores s = server.open(run(server).name(), clock);
        REOPENED.add(s);
        return s;
    }
}
