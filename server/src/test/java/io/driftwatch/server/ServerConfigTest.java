package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.server.http.Durations;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void propertiesOverrideDefaults() {
        ServerConfig c = ServerConfig.fromProperties(Map.of("port", "9000", "base-period", "30s", "grace", "PT5S"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.basePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.grace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxBodyBytes()).isEqualTo(16L << 20);
        assertThat(ServerConfig.fromProperties(Map.of("base-period", "10")).basePeriod()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void backendKeysAreAcceptedAndDefaultToEmbedded() {
        assertThat(ServerConfig.defaults().backends()).isEqualTo(BackendUris.defaults());
        ServerConfig c = ServerConfig.fromProperties(Map.of("stream-path", "kafka://k:9092",
                "tsdb-connection", "postgresql://u:pw@pg/db", "endpoint-store-connection", "mysql+pymysql://u:pw@my/db",
                "parquet-path", "/data/pq"));
        assertThat(c.backends().uri(BackendKind.STREAM).scheme()).isEqualTo("kafka");
        assertThat(c.backends().uri(BackendKind.TSDB).scheme()).isEqualTo("postgresql");
        assertThat(c.backends().uri(BackendKind.ENDPOINT_STORE).scheme()).isEqualTo("mysql");
        assertThat(c.backends().raw(BackendKind.PARQUET)).isEqualTo("/data/pq");
        assertThat(c.withPort(1).backends()).isEqualTo(c.backends());
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("stream_path", "x")))
                .hasMessageContaining("stream_path").hasMessageContaining("stream-path");
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("prot", "1", "datadir", "x")))
                .hasMessageContaining("prot").hasMessageContaining("datadir");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("base-period", "soon")))
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("port", "70000"))).hasMessageContaining("70000");
        assertThatThrownBy(() -> Durations.parse("-5m")).hasMessageContaining("-5m");
    }
}
