package io.driftwatch.store.sql;

import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.testkit.AuditLogContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The AuditLog contract on mariadb (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class MariaAuditLogIT extends AuditLogContract {
    @Override
    protected AuditLog createLog() throws Exception {
        return SqlDatabaseExtension.fresh(TestDatabase.MARIADB).audit();
    }

    @Override
    protected AuditLog reopen(AuditLog old) throws Exception {
        return SqlDatabaseExtension.reopened(TestDatabase.MARIADB).audit();
    }
}
