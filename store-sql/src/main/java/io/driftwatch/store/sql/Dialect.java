package io.driftwatch.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The differences between PostgreSQL and MySQL/MariaDB that the stores need: the JDBC URL, the migration folder,
 * how times are bound (PostgreSQL {@code timestamptz}, MySQL {@code DATETIME(6)} in UTC, both with microsecond
 * precision: sub-microsecond digits are dropped) and the upsert syntax. Everything else is one SQL text for both.
 */
enum Dialect {
    /** PostgreSQL 12+ (declarative partitioning of the time series by day). */
    POSTGRESQL("postgresql", "postgresql") {
        @Override
        void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
            if (t == null) {
                ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            }
        }

        @Override
        Instant time(ResultSet rs, int i) throws SQLException {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }

        @Override
        String upsert(String table, List<String> columns, List<String> keys) {
            return insert(table, columns) + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
                    + columns.stream().filter(c -> !keys.contains(c)).map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
        }

        @Override
        String insertIgnore(String table, List<String> columns) {
            return insert(table, columns) + " ON CONFLICT DO NOTHING";
        }

        @Override
        String shareLock() {
            return " FOR KEY SHARE";
        }
    },
    /** MySQL 8 and MariaDB 10.6+ through the MariaDB JDBC driver. */
    MYSQL("mariadb", "mysql") {
        @Override
        void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
            if (t == null) {
                ps.setNull(i, Types.TIMESTAMP);
            } else {
                ps.setObject(i, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            }
        }

        @Override
        Instant time(ResultSet rs, int i) throws SQLException {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }

        @Override
        String upsert(String table, List<String> columns, List<String> keys) {
            return insert(table, columns) + " ON DUPLICATE KEY UPDATE "
                    + columns.stream().filter(c -> !keys.contains(c)).map(c -> c + " = VALUES(" + c + ")")
                    .collect(Collectors.joining(", "));
        }

        @Override
        String insertIgnore(String table, List<String> columns) {
            return insert(table, columns).replaceFirst("^INSERT", "INSERT IGNORE");
        }

        @Override
        String shareLock() {
            return " LOCK IN SHARE MODE";
        }
    };

    private final String jdbcScheme;
    private final String folder;

    Dialect(String jdbcScheme, String folder) {
        this.jdbcScheme = jdbcScheme;
        this.folder = folder;
    }

    /** The dialect of a normalised backend scheme ({@code postgresql} or {@code mysql}). */
    static Dialect of(String scheme) {
        return switch (scheme) {
            case "postgresql" -> POSTGRESQL;
            case "mysql" -> MYSQL;
            default -> throw new IllegalArgumentException("not a SQL scheme: " + scheme);
        };
    }

    /** {@code jdbc:postgresql} or {@code jdbc:mariadb} (MySQL URIs use the MariaDB driver). */
    String jdbcPrefix() {
        return "jdbc:" + jdbcScheme;
    }

    /** The Flyway location of this dialect's migrations. */
    String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** Binds a time (null binds NULL). */
    abstract void setTime(PreparedStatement ps, int i, Instant t) throws SQLException;

    /** Reads a time column; NULL gives null. */
    abstract Instant time(ResultSet rs, int i) throws SQLException;

    /** Insert-or-update of every non-key column, keyed by the primary key {@code keys}. */
    abstract String upsert(String table, List<String> columns, List<String> keys);

    /** Insert that does nothing when the key exists. */
    abstract String insertIgnore(String table, List<String> columns);

    /** The suffix of a SELECT that locks its rows against deletion ({@code FOR KEY SHARE} on PostgreSQL). */
    abstract String shareLock();

    static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }
}
