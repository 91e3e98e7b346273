package io.driftwatch.it;

import io.driftwatch.testkit.KafkaBroker;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The external parts of the distributed tests, started once per test JVM and shared by every test class (register
 * with {@code @ExtendWith(Parts.class)}): the Kafka broker ({@link KafkaBroker#shared()}), one fresh PostgreSQL and
 * one fresh MariaDB database with random names (servers started when not running; both databases dropped when the
 * run ends), and s3proxy ({@link S3}). Tests sharing them use projects (so topics and rows) of their own.
 * Register {@link Fixture} with {@code @ExtendWith(Parts.Fixture.class)}.
 */
public final class Parts {
    private static Parts instance;
    final KafkaBroker kafka;
    final Db postgres;
    final Db mariadb;
    final S3 s3;

    private Parts() throws SQLException {
        long t0 = System.nanoTime();
        this.kafka = KafkaBroker.shared();
        this.postgres = Server.POSTGRESQL.create();
        this.mariadb = Server.MARIADB.create();
        this.s3 = S3.start();
        System.out.printf("[parts] kafka %s, postgresql %s, mariadb %s, s3 %s ready in %d ms%n", kafka.bootstrap(),
                postgres.name, mariadb.name, s3.endpoint(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The parts of this JVM, started on first use. */
    static synchronized Parts get() {
        if (instance == null) {
            try {
                instance = new Parts();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the test databases", e);
            }
        }
        return instance;
    }

    /** Starts the parts before the first test class and drops the databases when the run ends. */
    public static final class Fixture implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            get();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Parts.class,
                    k -> (AutoCloseable) Parts::dropAll, AutoCloseable.class);
        }
    }

    private static synchronized void dropAll() throws SQLException {
        if (instance != null) {
            instance.postgres.drop();
            instance.mariadb.drop();
            instance.s3.stop();
        }
    }

    /** A database server of this machine and the run's database on it. */
    record Db(Server server, String name) {
        /** The {@code --tsdb-connection}/{@code --endpoint-store-connection} URI of the database. */
        String uri() {
            return server.uriPrefix + name;
        }

        /** A JDBC connection to the database, for assertions on its tables. */
        Connection connect() throws SQLException {
            return DriverManager.getConnection(server.jdbc(name), server.user, null);
        }

        /** One {@code long} from {@code sql} (e.g. a count). */
        long count(String sql, Object... args) throws SQLException {
            try (Connection c = connect(); var st = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        void drop() throws SQLException {
            server.admin(server == Server.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }

    /** PostgreSQL at 127.0.0.1:5432 (postgres, trust) and MariaDB at 127.0.0.1:3306 (root, no password). */
    enum Server {
        POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgresql://postgres@127.0.0.1:5432/",
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main"),
        MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "mysql://root@127.0.0.1:3306/", "");

        private final String jdbcPrefix;
        private final String user;
        private final String uriPrefix;
        private final String pgCtl;

        Server(String jdbcPrefix, String user, String uriPrefix, String pgCtl) {
            this.jdbcPrefix = jdbcPrefix;
            this.user = user;
            this.uriPrefix = uriPrefix;
            this.pgCtl = pgCtl;
        }

        String jdbc(String db) {
            return jdbcPrefix + db;
        }

        Db create() throws SQLException {
            String name = "dw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            admin("CREATE DATABASE " + name);
            return new Db(this, name);
        }

        void admin(String sql) throws SQLException {
            ensureRunning();
            try (Connection c = DriverManager.getConnection(jdbc(this == POSTGRESQL ? "postgres" : ""), user, null);
                 Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        /** Stops the server (fast shutdown: sessions are cut, as in a crash of the clients' view). */
        void stop() {
            sh(this == POSTGRESQL ? pgCtl + " stop -m fast" : "mariadb-admin -uroot shutdown");
        }

        /** Starts the server with the machine's start command and waits until it accepts connections. */
        void start() {
            sh(this == POSTGRESQL ? pgCtl + " start"
                    : "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");
            for (int i = 0; i < 120 && !accepts(); i++) {
                sleep(250);
            }
        }

        void ensureRunning() {
            if (!accepts()) {
                start();
            }
        }

        boolean accepts() {
            try (Connection c = DriverManager.getConnection(jdbc(this == POSTGRESQL ? "postgres" : ""), user, null)) {
                return c.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }
    }

    static void sh(String command) {
        try {
            Process p = new ProcessBuilder(List.of("sh", "-c", command)).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
