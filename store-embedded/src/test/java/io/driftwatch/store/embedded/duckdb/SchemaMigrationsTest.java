package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.store.embedded.duckdb.SchemaMigrations.Migration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded schema's version table and ordered migrations, on real DuckDB files. */
class SchemaMigrationsTest {
    private static final List<String> BASELINE = List.of("CREATE TABLE IF NOT EXISTS t (a INTEGER)");
    private static final Migration ADD_B = new Migration(2, "t.b", List.of("ALTER TABLE t ADD COLUMN b INTEGER"));
    private static final Migration TABLE_U = new Migration(3, "table u", List.of("CREATE TABLE u (x INTEGER)"));

    @Test
    void aNewDatabaseGetsTheBaselineAndEveryMigrationOnceInOrder() throws Exception {
        Path file = DuckStores.newDir().resolve("m.duckdb");
        try (Connection c = connect(file)) {
            assertThat(SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B, TABLE_U), DuckStores.CLOCK)).isZero();
            assertThat(versions(c)).containsExactly("1 baseline: the schema of the releases before versioning",
                    "2 t.b", "3 table u");
            assertThat(SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B, TABLE_U), DuckStores.CLOCK)).isEqualTo(3);
            assertThat(versions(c)).hasSize(3);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t VALUES (1, 2)");
                s.execute("INSERT INTO u VALUES (3)");
            }
        }
    }

    @Test
    void anUnversionedDatabaseIsVersionZeroAndKeepsItsRows() throws Exception {
        Path file = DuckStores.newDir().resolve("old.duckdb");
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a INTEGER)");
            s.execute("INSERT INTO t VALUES (7)");
        }
        try (Connection c = connect(file)) {
            assertThat(SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B), DuckStores.CLOCK)).isZero();
            assertThat(SchemaMigrations.version(c)).isEqualTo(2);
            assertThat(rows(c, "SELECT a, b FROM t")).containsExactly("7,null");
        }
    }

    @Test
    void aFailingMigrationRollsBackAndIsRetriedAtTheNextOpen() throws Exception {
        Path file = DuckStores.newDir().resolve("f.duckdb");
        Migration broken = new Migration(3, "broken", List.of("CREATE TABLE u (x INTEGER)", "SELECT * FROM nowhere"));
        try (Connection c = connect(file)) {
            assertThatThrownBy(() -> SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B, broken), DuckStores.CLOCK))
                    .isInstanceOf(SQLException.class).hasMessageContaining("schema migration 3 (broken) failed");
            assertThat(SchemaMigrations.version(c)).as("2 applied, 3 rolled back").isEqualTo(2);
            assertThat(rows(c, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'u'")).containsExactly("0");
            assertThat(SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B, TABLE_U), DuckStores.CLOCK)).isEqualTo(2);
            assertThat(SchemaMigrations.version(c)).isEqualTo(3);
        }
    }

    @Test
    void aDatabaseOfANewerReleaseIsRefusedUnchanged() throws Exception {
        Path file = DuckStores.newDir().resolve("n.duckdb");
        try (Connection c = connect(file)) {
            SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B, TABLE_U), DuckStores.CLOCK);
            assertThatThrownBy(() -> SchemaMigrations.migrate(c, BASELINE, List.of(ADD_B), DuckStores.CLOCK))
                    .hasMessageContaining("schema version 3").hasMessageContaining("newer Driftwatch")
                    .hasMessageContaining("up to 2");
            assertThat(SchemaMigrations.version(c)).isEqualTo(3);
        }
    }

    @Test
    void migrationsMustBeNumberedWithoutGaps() throws Exception {
        try (Connection c = connect(DuckStores.newDir().resolve("g.duckdb"))) {
            assertThatThrownBy(() -> SchemaMigrations.migrate(c, BASELINE, List.of(TABLE_U), DuckStores.CLOCK))
                    .hasMessageContaining("without gaps").hasMessageContaining("3");
            assertThatThrownBy(() -> new Migration(1, "x", List.of())).hasMessageContaining("start at 2");
        }
    }

    @Test
    void theEmbeddedStoresAreAtTheLatestVersion() throws Exception {
        Path dir = DuckStores.newDir();
        DuckStores.open(dir).close();
        try (Connection c = connect(dir.resolve(EmbeddedStores.DATABASE_FILE))) {
            assertThat(SchemaMigrations.version(c)).isEqualTo(SchemaMigrations.latest(Schema.MIGRATIONS));
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    private static List<String> versions(Connection c) throws SQLException {
        return rows(c, "SELECT version || ' ' || description FROM schema_version ORDER BY version");
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(String.valueOf(rs.getObject(i)));
                }
                out.add(String.join(",", cols));
            }
        }
        return out;
    }
}
