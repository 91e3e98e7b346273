package io.driftwatch.store.sql;

import io.driftwatch.testkit.ProcessorSinkContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ProcessorSink contract on postgresql (a fresh database per run, emptied per test). */
@ExtendWith(SqlDatabaseExtension.class)
class PgProcessorSinkIT extends ProcessorSinkContract {
    @Override
    protected Fixture createFixture() throws Exception {
        return fixture(SqlDatabaseExtension.fresh(TestDatabase.POSTGRESQL));
    }

    @Override
    protected Fixture reopen(Fixture old) throws Exception {
        return fixture(SqlDatabaseExtension.reopened(TestDatabase.POSTGRESQL));
    }

    private static Fixture fixture(SqlStores s) {
        return new Fixture(s.processorSink(), s.endpoints(), s.timeSeries());
    }
}
