package io.driftwatch.store.embedded.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Versions the embedded DuckDB schema. The table {@code schema_version (version, description, applied)} holds one
 * row per applied migration. Opening a database:
 * <ol>
 *   <li>creates {@code schema_version} if missing (a database written before versioning has none: version 0);</li>
 *   <li>runs the baseline {@link Schema#DDL} (idempotent: {@code IF NOT EXISTS}), recorded as version 1 the first
 *       time;</li>
 *   <li>applies every {@link Migration} above the stored version in ascending order, each in its own transaction
 *       together with its {@code schema_version} row: a failing migration leaves the database at the version before
 *       it, and the next open retries it;</li>
 *   <li>refuses a database whose version is above the highest this release knows (written by a newer release), with
 *       a message naming both versions, before changing anything.</li>
 * </ol>
 * To change the schema, append a {@code Migration(n + 1, "what and why", List.of("ALTER TABLE …"))} to
 * {@link Schema#MIGRATIONS}; never edit one that was released. Statements should be idempotent where DuckDB allows
 * ({@code IF NOT EXISTS}), so a database that a test or an older branch already changed still opens.
 */
final class SchemaMigrations {
    /** The version of the baseline {@link Schema#DDL}. */
    static final int BASELINE = 1;

    /** One ordered schema change. */
    record Migration(int version, String description, List<String> statements) {
        Migration {
            Objects.requireNonNull(description, "description");
            statements = List.copyOf(statements);
            if (version <= BASELINE) {
                throw new IllegalArgumentException("migration versions start at " + (BASELINE + 1) + ": " + version);
            }
        }
    }

    private SchemaMigrations() {
    }

    /** The highest version this release writes with {@code migrations}. */
    static int latest(List<Migration> migrations) {
        return migrations.stream().mapToInt(Migration::version).max().orElse(BASELINE);
    }

    /**
     * Brings the database of {@code c} (auto-commit on) to the latest version of {@code migrations} (ascending,
     * versions from 2, no gaps).
     *
     * @return the version before the migration (0: unversioned or empty)
     * @throws SQLException for a failing statement (its migration rolled back) or a database newer than this release
     */
    static int migrate(Connection c, List<String> baseline, List<Migration> migrations, Clock clock)
            throws SQLException {
        requireOrdered(migrations);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "description VARCHAR NOT NULL, applied TIMESTAMP NOT NULL)");
        }
        int before = version(c);
        int latest = latest(migrations);
        if (before > latest) {
            throw new SQLException("the database has schema version " + before + ", written by a newer Driftwatch; "
                    + "this release knows versions up to " + latest + ": upgrade Driftwatch or use another data-dir");
        }
        try (Statement s = c.createStatement()) {
            for (String ddl : baseline) {
                s.execute(ddl);
            }
        }
        if (before < BASELINE) {
            record(c, BASELINE, "baseline: the schema of the releases before versioning", clock);
        }
        for (Migration m : migrations) {
            if (m.version() > before) {
                apply(c, m, clock);
            }
        }
        return before;
    }

    /** The stored version: the highest row of {@code schema_version}, 0 when it is empty. */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection c, Migration m, Clock clock) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : m.statements()) {
                s.execute(sql);
            }
            record(c, m.version(), m.description(), clock);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("schema migration " + m.version() + " (" + m.description() + ") failed: "
                    + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void record(Connection c, int version, String description, Clock clock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
            p.setInt(1, version);
            p.setString(2, description);
            p.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
            p.executeUpdate();
        }
    }

    private static void requireOrdered(List<Migration> migrations) {
        int expected = BASELINE + 1;
        for (Migration m : migrations) {
            if (m.version() != expected++) {
                throw new IllegalStateException("schema migrations must be numbered " + (BASELINE + 1)
                        + ", " + (BASELINE + 2) + ", … without gaps; found " + m.version());
            }
        }
    }
}
