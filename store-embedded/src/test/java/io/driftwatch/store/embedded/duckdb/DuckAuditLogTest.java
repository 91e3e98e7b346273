package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.testkit.AuditLogContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DuckAuditLogTest extends AuditLogContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected AuditLog createLog() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return DuckAuditLog.of(stores);
    }

    @Override
    protected AuditLog reopen(AuditLog old) {
        stores.close();
        stores = DuckStores.open(dir);
        return DuckAuditLog.of(stores);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** A database of a Driftwatch from before the audit log gets the table when it is opened. */
    @Test
    void anOlderDatabaseGetsTheTableOnOpen() throws Exception {
        stores.close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(EmbeddedStores.DATABASE_FILE));
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE audit_log");
        }
        stores = DuckStores.open(dir);
        AuditLog reopened = DuckAuditLog.of(stores);
        reopened.append(new AuditLog.Entry(Instant.EPOCH, "admin", null, "POST", "/r", null, 201, "::1"));
        assertThat(reopened.query(null, null, 5)).hasSize(1);
    }
}
