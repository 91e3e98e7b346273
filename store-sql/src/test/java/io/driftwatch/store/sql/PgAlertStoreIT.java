package io.driftwatch.store.sql;

import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.testkit.AlertStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The AlertStore contract on postgresql (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class PgAlertStoreIT extends AlertStoreContract {
    @Override
    protected AlertStore createStore() throws Exception {
        return SqlDatabaseExtension.fresh(TestDatabase.POSTGRESQL).alerts();
    }

    @Override
    protected AlertStore reopen(AlertStore old) throws Exception {
        return SqlDatabaseExtension.reopened(TestDatabase.POSTGRESQL).alerts();
    }
}
