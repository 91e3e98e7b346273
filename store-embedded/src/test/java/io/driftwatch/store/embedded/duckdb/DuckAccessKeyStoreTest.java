package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.testkit.AccessKeyStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DuckAccessKeyStoreTest extends AccessKeyStoreContract {
    private Path dir;
    private EmbeddedStores stores;

    @Override
    protected AccessKeyStore createStore() throws Exception {
        dir = DuckStores.newDir();
        stores = DuckStores.open(dir);
        return DuckAccessKeyStore.of(stores);
    }

    @Override
    protected AccessKeyStore reopen(AccessKeyStore old) {
        stores.close();
        stores = DuckStores.open(dir);
        return DuckAccessKeyStore.of(stores);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** A database of a Driftwatch from before access keys gets the table when it is opened. */
    @Test
    void anOlderDatabaseGetsTheTableOnOpen() throws Exception {
        stores.close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(EmbeddedStores.DATABASE_FILE));
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE access_keys");
        }
        stores = DuckStores.open(dir);
        AccessKeyStore reopened = DuckAccessKeyStore.of(stores);
        reopened.addKey(new AccessKeyStore.KeyRow("k1", "p", "viewer", "h", Instant.EPOCH));
        assertThat(reopened.keys("p")).hasSize(1);
    }
}
