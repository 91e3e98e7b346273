package io.driftwatch.store.embedded.duckdb;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/** Project deletion and retention on the embedded tables: one transaction per call, rows counted. */
final class Deletes {
    private Deletes() {
    }

    /** Deletes the project's rows from each table in one transaction; returns how many rows. */
    static long byProject(DuckDatabase db, String project, List<String> tables) {
        return db.write("delete project " + project, c -> {
            long n = 0;
            for (String table : tables) {
                try (PreparedStatement ps = db.statement(c, "DELETE FROM " + table + " WHERE project = ?")) {
                    ps.setString(1, project);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    /** Deletes, in one transaction, the rows of each {@code table.column} pair older than the cutoff. */
    static long olderThan(DuckDatabase db, Instant cutoff, List<List<String>> tableColumns) {
        return db.write("expire rows before " + cutoff, c -> {
            long n = 0;
            for (List<String> tc : tableColumns) {
                try (PreparedStatement ps = db.statement(c, "DELETE FROM " + tc.get(0) + " WHERE " + tc.get(1)
                        + " < make_timestamp(?::BIGINT)")) {
                    Sql.setTime(ps, 1, cutoff);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }
}
