package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.store.embedded.golden.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden file of the embedded DuckDB schema: the tables, columns, constraints, indexes and sequences that a freshly
 * created store has (from {@code duckdb_tables()}, {@code duckdb_columns()}, {@code duckdb_constraints()},
 * {@code duckdb_indexes()} and {@code duckdb_sequences()}), as stable text. A database made from the committed
 * schema, as an older Driftwatch left it, must open and serve the stores. Regenerate with {@code -Dgolden.update=true}.
 */
class DuckSchemaGoldenTest {
    private static final String GOLDEN = "duckdb-schema.txt";
    private static final String HEADER = "# Schema of a freshly created embedded store (" + EmbeddedStores.DATABASE_FILE
            + "); written by DuckSchemaGoldenTest, regenerate with -Dgolden.update=true\n";
    private static final String OF_THIS_DB = " WHERE database_name = current_database() AND schema_name = 'main'";

    @Test
    void aFreshDatabaseHasTheGoldenSchema() throws Exception {
        Path dir = DuckStores.newDir();
        DuckStores.open(dir).close();
        GoldenFiles.assertText(GOLDEN, dump(dir.resolve(EmbeddedStores.DATABASE_FILE)));
    }

    @Test
    void aDatabaseWithTheGoldenSchemaOpensAndServesTheStores() throws Exception {
        Path dir = DuckStores.newDir();
        Path file = dir.resolve(EmbeddedStores.DATABASE_FILE);
        String golden = Files.readString(GoldenFiles.path(GOLDEN), StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            for (String ddl : ddl(golden)) {
                s.execute(ddl);
            }
        }
        assertThat(dump(file)).isEqualTo(golden);
        try (EmbeddedStores stores = DuckStores.open(dir)) {
            assertThat(stores.projects().createProject("p")).isTrue();
            assertThat(stores.projects().projects()).containsExactly("p");
            assertThat(stores.processorSink().appliedOffset()).isZero();
            assertThat(stores.endpoints().lastAnalyzed("p", "e1", "app")).isEmpty();
            assertThat(DuckAlertStore.of(stores).configs("p")).isEmpty();
            assertThat(DuckAccessKeyStore.of(stores).keys("p")).isEmpty();
            assertThat(DuckAuditLog.of(stores).query("p", null, 1)).isEmpty();
        }
        assertThat(dump(file)).as("opening an existing database leaves its schema as it is").isEqualTo(golden);
    }

    /** The schema of the database file as stable text: one line per sequence, table, column, constraint, index. */
    static String dump(Path file) throws SQLException {
        StringBuilder out = new StringBuilder(HEADER);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            query(s, "SELECT sequence_name, start_value, increment_by FROM duckdb_sequences()" + OF_THIS_DB
                    + " ORDER BY sequence_name", r -> out.append("sequence ").append(r.getString(1)).append(" start ")
                    .append(r.getLong(2)).append(" increment ").append(r.getLong(3)).append('\n'));
            List<String> tables = new ArrayList<>();
            query(s, "SELECT table_name FROM duckdb_tables()" + OF_THIS_DB + " ORDER BY table_name",
                    r -> tables.add(r.getString(1)));
            for (String t : tables) {
                out.append("table ").append(t).append('\n');
                query(s, "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns()" + OF_THIS_DB
                        + " AND table_name = '" + t + "' ORDER BY column_index", r -> out.append(column(r)));
                query(s, "SELECT constraint_type, array_to_string(constraint_column_names, ', ') FROM duckdb_constraints()"
                        + OF_THIS_DB + " AND table_name = '" + t + "' AND constraint_type <> 'NOT NULL'"
                        + " ORDER BY constraint_type, 2", r -> out.append("  ").append(r.getString(1)).append(" (")
                        .append(r.getString(2)).append(")\n"));
            }
            query(s, "SELECT sql FROM duckdb_indexes()" + OF_THIS_DB + " ORDER BY table_name, index_name",
                    r -> out.append("index ").append(r.getString(1)).append('\n'));
        }
        return out.toString();
    }

    private static String column(ResultSet r) throws SQLException {
        String line = "  " + r.getString(1) + " " + r.getString(2) + (r.getBoolean(3) ? "" : " NOT NULL");
        String dflt = r.getString(4);
        return line + (dflt == null ? "" : " DEFAULT " + dflt) + "\n";
    }

    /** The DDL that makes a database with the schema of a {@link #dump}. */
    static List<String> ddl(String dump) {
        List<String> out = new ArrayList<>();
        List<String> body = new ArrayList<>();
        String table = null;
        for (String line : (dump + "end\n").split("\n")) {
            if (line.startsWith("  ")) {
                body.add(line.strip());
                continue;
            }
            if (table != null) {
                out.add("CREATE TABLE " + table + " (" + String.join(", ", body) + ")");
                table = null;
                body.clear();
            }
            String[] w = line.split(" ");
            switch (w[0]) {
                case "sequence" -> out.add("CREATE SEQUENCE " + w[1] + " START " + w[3] + " INCREMENT BY " + w[5]);
                case "table" -> table = w[1];
                case "index" -> out.add(line.substring("index ".length()));
                default -> {
                    // the header comment and the end marker
                }
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet r) throws SQLException;
    }

    private static void query(Statement s, String sql, Row row) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                row.accept(r);
            }
        }
    }
}
