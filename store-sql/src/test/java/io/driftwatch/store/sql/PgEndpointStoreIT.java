package io.driftwatch.store.sql;

import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.testkit.EndpointStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EndpointStore contract on postgresql (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class PgEndpointStoreIT extends EndpointStoreContract {
    @Override
    protected EndpointStore createStore() throws Exception {
        return SqlDatabaseExtension.fresh(TestDatabase.POSTGRESQL).endpoints();
    }

    @Override
    protected EndpointStore reopen(EndpointStore old) throws Exception {
        return SqlDatabaseExtension.reopened(TestDatabase.POSTGRESQL).endpoints();
    }
}
