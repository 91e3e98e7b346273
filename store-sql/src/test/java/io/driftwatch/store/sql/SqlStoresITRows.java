package io.driftwatch.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads Flyway's history of a test database. */
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
}
