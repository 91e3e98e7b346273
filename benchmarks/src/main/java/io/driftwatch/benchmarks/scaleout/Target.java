package io.driftwatch.benchmarks.scaleout;

import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUris;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One backend set-up of a run: {@code postgresql} (Kafka + PostgreSQL + local Parquet), {@code mariadb} (Kafka +
 * MariaDB through {@code mysql://} + local Parquet) or {@code embedded} (embedded log + DuckDB + local Parquet, the
 * default). A SQL target creates a fresh database {@code dw_bench_<millis>} on the machine's server
 * (PostgreSQL 127.0.0.1:5432 user postgres, MariaDB 127.0.0.1:3306 root, both without password) and drops it in
 * {@link #drop()}. {@link #dbCpuSeconds()} is the database server's CPU: on PostgreSQL the backends connected to this
 * database (not the WAL writer or checkpointer); on MariaDB the whole {@code mariadbd} process (one process for all
 * connections, so other clients' work on the machine counts too).
 */
final class Target {
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String MARIA_ADMIN = "jdbc:mariadb://127.0.0.1:3306/";
    final String name;
    final String database;

    private Target(String name, String database) {
        this.name = name;
        this.database = database;
    }

    /** Creates the target's database (SQL targets). */
    static Target create(String name) throws SQLException {
        if (name.equals("embedded")) {
            return new Target(name, null);
        }
        Target t = new Target(name, "dw_bench_" + System.currentTimeMillis());
        t.admin("CREATE DATABASE " + t.database);
        return t;
    }

    /** The backend settings: the stream on {@code kafka} (a bootstrap URI) unless embedded. */
    BackendUris uris(String kafka) {
        return switch (name) {
            case "embedded" -> BackendUris.defaults();
            case "postgresql" -> sql(kafka, "postgresql://postgres@127.0.0.1:5432/" + database);
            case "mariadb" -> sql(kafka, "mysql://root@127.0.0.1:3306/" + database);
            default -> throw new IllegalArgumentException("unknown target '" + name
                    + "': postgresql, mariadb or embedded");
        };
    }

    private static BackendUris sql(String kafka, String db) {
        return BackendUris.defaults().with(BackendKind.STREAM, kafka).with(BackendKind.ENDPOINT_STORE, db)
                .with(BackendKind.TSDB, db);
    }

    boolean usesKafka() {
        return database != null;
    }

    /** Drops the database (SQL targets). */
    void drop() throws SQLException {
        if (database != null) {
            if (name.equals("postgresql")) {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } else {
                admin("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection adminConnection() throws SQLException {
        return name.equals("postgresql") ? DriverManager.getConnection(PG_ADMIN, "postgres", "")
                : DriverManager.getConnection(MARIA_ADMIN, "root", "");
    }

    /** CPU seconds per database-server process (see the class comment); empty for the embedded target. */
    Map<Long, Double> dbCpuSeconds() throws SQLException {
        Map<Long, Double> out = new HashMap<>();
        if (name.equals("postgresql")) {
            try (Connection c = adminConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = '" + database + "'")) {
                while (r.next()) {
                    out.put(r.getLong(1), ThreadCpu.process(r.getLong(1)));
                }
            }
        } else if (name.equals("mariadb")) {
            long pid = pidOf("mariadbd");
            out.put(pid, ThreadCpu.process(pid));
        }
        return out;
    }

    /** The pid of the first process whose name is {@code comm}. */
    static long pidOf(String comm) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> comm.equals(read(p.resolve("comm"))))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no process " + comm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** CPU seconds used between two {@link #dbCpuSeconds()} snapshots (processes new since the first count fully). */
    static double delta(Map<Long, Double> before, Map<Long, Double> after) {
        double d = 0;
        for (Map.Entry<Long, Double> e : after.entrySet()) {
            d += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
        }
        return d;
    }
}
