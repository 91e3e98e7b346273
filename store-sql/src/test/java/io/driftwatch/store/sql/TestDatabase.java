package io.driftwatch.store.sql;

import io.driftwatch.engine.backend.BackendUri;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The machine's database servers as the tests use them: PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and
 * MariaDB at 127.0.0.1:3306 (root, no password), started when not running. {@link #create()} makes a database with
 * a random name ({@code dw_test_…}); {@link #drop} removes it.
 */
enum TestDatabase {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgresql://postgres@127.0.0.1:5432/"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "mysql://root@127.0.0.1:3306/");

    private final String adminUrl;
    private final String user;
    private final String uriPrefix;

    TestDatabase(String adminUrl, String user, String uriPrefix) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.uriPrefix = uriPrefix;
    }

    /** Creates a database with a random name; returns its name. */
    String create() throws SQLException {
        String name = "dw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Drops the database (closing other sessions on PostgreSQL). */
    void drop(String name) throws SQLException {
        admin(this == POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name);
    }

    /** The store URI of the database. */
    BackendUri uri(String name) {
        return BackendUri.parse(uriPrefix + name);
    }

    /** Opens the stores of the database (migrating it). */
    SqlStores open(String name, Clock clock) {
        return SqlStores.open(uri(name), clock, 4);
    }

    /** A plain JDBC connection to the database, for assertions on the tables. */
    Connection connect(String name) throws SQLException {
        String url = this == POSTGRESQL ? adminUrl.replace("/postgres", "/" + name) : adminUrl + name;
        return DriverManager.getConnection(url, user, null);
    }

    private void admin(String sql) throws SQLException {
        ensureRunning();
        try (Connection c = DriverManager.getConnection(adminUrl, user, null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Starts the server with the machine's start command when it does not accept connections. */
    void ensureRunning() throws SQLException {
        if (accepts()) {
            return;
        }
        try {
            new ProcessBuilder(startCommand()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
            for (int i = 0; i < 60 && !accepts(); i++) {
                Thread.sleep(500);
            }
        } catch (IOException | InterruptedException e) {
            throw new SQLException("cannot start " + name().toLowerCase(Locale.ROOT) + ": " + e, e);
        }
    }

    List<String> startCommand() {
        if (this == POSTGRESQL) {
            return List.of("sh", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        return List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd");
    }

    /** The command that restarts the server (the fault tests). */
    List<String> restartCommand() {
        if (this == POSTGRESQL) {
            return List.of("sh", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart");
        }
        return new ArrayList<>(List.of("sh", "-c", "mariadb-admin -uroot shutdown && sleep 1 && "
                + "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"));
    }

    boolean accepts() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, null)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
