package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.testkit.ProcessorSinkContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class DuckProcessorSinkTest extends ProcessorSinkContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected Fixture createFixture() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return new Fixture(stores.processorSink(), stores.endpoints(), stores.timeSeries());
    }

    @Override
    protected Fixture reopen(Fixture old) {
        stores.close();
        stores = DuckStores.open(dir);
        return new Fixture(stores.processorSink(), stores.endpoints(), stores.timeSeries());
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
