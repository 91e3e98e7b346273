package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.StoreProvider;
import io.driftwatch.engine.backend.TimeSeriesStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Composition by URI: the loader finds the SQL provider for both settings, and both share one pool. */
@ExtendWith(SqlDatabaseExtension.class)
class SqlStoreProviderIT {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bothSettingsOpenOneDatabaseThroughTheServiceLoader(TestDatabase server) throws Exception {
        String name = SqlDatabaseExtension.run(server).name();
        BackendUri uri = server.uri(name);
        StoreProvider provider = BackendLoader.standard().provider(StoreProvider.class, BackendKind.ENDPOINT_STORE,
                uri);
        assertThat(provider).isInstanceOf(SqlStoreProvider.class);
        try (BackendContext context = new BackendContext(Clock.systemUTC(), Path.of("unused"),
                Map.of(SqlStoreProvider.POOL_SIZE, "2"))) {
            EndpointStores eps = provider.openEndpointStores(uri, context);
            TimeSeriesStores ts = provider.openTimeSeries(uri, eps, context);
            assertThat(eps.accessKeys()).isNotNull();
            assertThat(eps.audit()).isNotNull();
            eps.projects().createProject("composed");
            assertThat(eps.projects().projects()).contains("composed");
            assertThat(ts.sink().appliedOffset()).isZero();
            BackendUri other = server.uri(name + "_other");
            assertThatThrownBy(() -> provider.openTimeSeries(other, eps, context))
                    .hasMessageContaining("must name the database of the endpoint store");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void mlrunsSpellingsAreAccepted(TestDatabase server) {
        String raw = server == TestDatabase.POSTGRESQL ? "postgresql+psycopg2://u:p@h:5432/db"
                : "mysql+pymysql://u:p@h:3306/db?charset=utf8mb4";
        Target t = Target.of(BackendUri.parse(raw));
        assertThat(t.jdbcUrl()).isEqualTo(server == TestDatabase.POSTGRESQL
                ? "jdbc:postgresql://h:5432/db?reWriteBatchedInserts=true"
                : "jdbc:mariadb://h:3306/db?rewriteBatchedStatements=true");
        assertThat(t.user()).isEqualTo("u");
        assertThat(t.toString()).contains("u:***@h").doesNotContain("u:p@");
    }
}
