package io.driftwatch.store.sql;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.testkit.AccessKeyStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The AccessKeyStore contract on postgresql (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class PgAccessKeyStoreIT extends AccessKeyStoreContract {
    @Override
    protected AccessKeyStore createStore() throws Exception {
        return SqlDatabaseExtension.fresh(TestDatabase.POSTGRESQL).accessKeys();
    }

    @Override
    protected AccessKeyStore reopen(AccessKeyStore old) throws Exception {
        return SqlDatabaseExtension.reopened(TestDatabase.POSTGRESQL).accessKeys();
    }
}
