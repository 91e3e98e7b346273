package io.driftwatch.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads Flyway's history and the catalog of a test database. */
final class SqlStoresITRows {
    private SqlStoresITRows() {
    }

    static List<String> versions(TestDatabase server, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(name); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success "
                     + "ORDER BY installed_rank")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The names of the indexes of {@code table} (lower case; the primary key's too). */
    static java.util.Set<String> indexes(TestDatabase server, String name, String table) throws SQLException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (Connection c = server.connect(name);
             ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    out.add(rs.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The first column of each index of the table, "index:column" (lower case). */
    static java.util.Set<String> leadingColumns(TestDatabase server, String name, String table) throws SQLException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (Connection c = server.connect(name);
             ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null && rs.getInt("ORDINAL_POSITION") == 1) {
                    out.add((rs.getString("INDEX_NAME") + ":" + rs.getString("COLUMN_NAME"))
                            .toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** One value of a query on the test database (PostgreSQL catalog checks). */
    static String scalar(TestDatabase server, String name, String sql) throws SQLException {
        try (Connection c = server.connect(name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
