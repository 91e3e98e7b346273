package io.driftwatch.store.sql;

import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.testkit.ProjectStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ProjectStore contract on mariadb (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class MariaProjectStoreIT extends ProjectStoreContract {
    @Override
    protected ProjectStore createStore() throws Exception {
        return SqlDatabaseExtension.fresh(TestDatabase.MARIADB).projects();
    }

    @Override
    protected ProjectStore reopen(ProjectStore old) throws Exception {
        return SqlDatabaseExtension.reopened(TestDatabase.MARIADB).projects();
    }
}
