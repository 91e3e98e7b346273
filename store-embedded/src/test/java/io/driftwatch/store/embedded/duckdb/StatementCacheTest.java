package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
    private DuckDBConnection connection;
    private StatementCache cache;

    @BeforeEach
    void open() throws SQLException {
        connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (k INTEGER, v VARCHAR)");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
        cache = new StatementCache(connection);
    }

    @AfterEach
    void close() throws SQLException {
        cache.close();
        connection.close();
    }

    @Test
    void aClosedStatementIsReusedWithFreshParameters() throws SQLException {
        assertThat(value("SELECT v FROM t WHERE k = ?", 1)).isEqualTo("one");
        assertThat(value("SELECT v FROM t WHERE k = ?", 2)).isEqualTo("two");
        assertThat(cache.size()).isEqualTo(1);
        try (PreparedStatement ps = cache.get("SELECT v FROM t WHERE k = ?")) {
            assertThat(ps.isClosed()).isFalse();
            assertThatThrownBy(ps::executeQuery).as("parameters were cleared on close").isInstanceOf(SQLException.class);
        }
        assertThat(cache.size()).as("the failed statement was dropped").isZero();
        assertThat(value("SELECT v FROM t WHERE k = ?", 1)).as("and is prepared anew").isEqualTo("one");
    }

    @Test
    void theLeastRecentlyUsedBeyondCapacityIsEvicted() throws SQLException {
        for (int i = 0; i < StatementCache.CAPACITY + 10; i++) {
            assertThat(value("SELECT v FROM t WHERE k = ? AND " + i + " = " + i, 1)).isEqualTo("one");
        }
        assertThat(cache.size()).isEqualTo(StatementCache.CAPACITY);
    }

    private String value(String sql, int k) throws SQLException {
        try (PreparedStatement ps = cache.get(sql)) {
            ps.setInt(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
