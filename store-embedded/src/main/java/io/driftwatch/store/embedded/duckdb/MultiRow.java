package io.driftwatch.store.embedded.duckdb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Many rows in one statement: {@code head VALUES (row), (row), … tail}, up to {@value #ROWS} rows per statement
 * (issue 17). DuckDB's JDBC {@code executeBatch} runs a statement per row; a per-row {@code INSERT … ON CONFLICT}
 * then costs about a millisecond of CPU each (the top of the controller cycle's profile: the writer's upserts of
 * the latest app outputs), while one statement of 100 rows costs about as much as a few single ones.
 */
final class MultiRow {
    /** Rows per statement (with ≤ 11 parameters per row, far below DuckDB's limits). */
    static final int ROWS = 100;

    /** Binds one row's parameters from index {@code first} (1-based) on. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, int first, T row) throws SQLException;
    }

    private MultiRow() {
    }

    /**
     * Executes the rows in statements of up to {@link #ROWS} rows, in the caller's transaction.
     *
     * @param head   e.g. {@code INSERT INTO t}
     * @param row    one row's value list with its parentheses, e.g. {@code (?, ?, make_timestamp(?::BIGINT))}
     * @param params the number of parameters of {@code row}
     * @param tail   what follows the values (e.g. an {@code ON CONFLICT} clause), or empty
     */
    static <T> void insert(DuckDatabase db, DuckDBConnection c, String head, String row, int params, String tail,
                           List<T> rows, Binder<T> binder) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS) {
            List<T> part = rows.subList(from, Math.min(rows.size(), from + ROWS));
            String sql = head + " VALUES " + String.join(", ", Collections.nCopies(part.size(), row)) + tail;
            try (PreparedStatement ps = db.statement(c, sql)) {
                for (int i = 0; i < part.size(); i++) {
                    binder.bind(ps, 1 + i * params, part.get(i));
                }
                ps.execute();
            }
        }
    }
}
