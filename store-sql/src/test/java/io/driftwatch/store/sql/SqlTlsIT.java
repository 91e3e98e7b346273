package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendUri;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 pt 3, TLS to PostgreSQL and MariaDB "through their own options": the query parameters of the connection
 * URI reach the JDBC driver unchanged ({@code sslmode}, {@code sslrootcert} for PostgreSQL; {@code sslMode},
 * {@code serverSslCert} for MariaDB). The machine's servers run without TLS, so the tests check what can be checked
 * here: a URI that requires TLS is refused with the driver's own reason (nothing falls back to clear text), a malformed
 * option is refused naming it, and {@code sslmode=prefer}/{@code disable} still open the store.
 */
class SqlTlsIT {
    private static SqlStores open(String uri) {
        return SqlStores.open(BackendUri.parse(uri), Clock.systemUTC(), 4);
    }

    @Test
    void postgresqlTlsOptionsReachTheDriverAndARequiredTlsIsNeverDowngraded() throws Exception {
        TestDatabase.POSTGRESQL.ensureRunning();
        try (Connection c = TestDatabase.POSTGRESQL.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW ssl")) {
            rs.next();
            assertThat(rs.getString(1)).as("this test expects the local server without TLS").isEqualTo("off");
        }
        String base = "postgresql://postgres@127.0.0.1:5432/dw_tls_never_created";
        for (String q : new String[] {"?sslmode=require", "?sslmode=verify-full&sslrootcert=/nonexistent/root.crt"}) {
            assertThatThrownBy(() -> open(base + q)).as(q).isInstanceOf(SqlStoreException.class)
                    .hasMessageContaining("cannot connect").hasMessageContaining("The server does not support SSL");
        }
        assertThatThrownBy(() -> open(base + "?sslmode=sometimes")).isInstanceOf(SqlStoreException.class)
                .hasMessageContaining("sslmode").hasMessageContaining("sometimes");
        String db = TestDatabase.POSTGRESQL.create();
        try (SqlStores stores = open("postgresql://postgres@127.0.0.1:5432/" + db + "?sslmode=prefer")) {
            assertThat(stores.accessKeys().keys("p")).isEmpty();
        } finally {
            TestDatabase.POSTGRESQL.drop(db);
        }
    }

    @Test
    void mariadbTlsOptionsReachTheDriverAndARequiredTlsIsNeverDowngraded() throws Exception {
        String db = TestDatabase.MARIADB.create();
        try {
            String base = "mysql://root@127.0.0.1:3306/" + db;
            for (String q : new String[] {"?sslMode=trust", "?sslMode=verify-full&serverSslCert=/nonexistent/ca.pem"}) {
                assertThatThrownBy(() -> open(base + q)).as(q).isInstanceOf(SqlStoreException.class)
                        .hasMessageContaining("cannot connect").hasMessageContaining("ssl");
            }
            assertThatThrownBy(() -> open(base + "?sslMode=sometimes")).isInstanceOf(SqlStoreException.class)
                    .hasMessageContaining("sometimes");
            try (SqlStores stores = open(base + "?sslMode=disable")) {
                assertThat(stores.accessKeys().keys("p")).isEmpty();
            }
        } finally {
            TestDatabase.MARIADB.drop(db);
        }
    }
}
