package io.driftwatch.store.sql;

import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.testkit.TimeSeriesStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The TimeSeriesStore contract on postgresql (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class PgTimeSeriesStoreIT extends TimeSeriesStoreContract {
    @Override
    protected TimeSeriesStore createStore() throws Exception {
        return SqlDatabaseExtension.fresh(TestDatabase.POSTGRESQL).timeSeries();
    }

    @Override
    protected TimeSeriesStore reopen(TimeSeriesStore old) throws Exception {
        return SqlDatabaseExtension.reopened(TestDatabase.POSTGRESQL).timeSeries();
    }
}
