package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.backend.BackendContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter options of the configuration reach the providers, unmasked, through the BackendContext. */
class BackendContextOptionsTest {
    @Test
    void adapterOptionsAndMaxLagReachTheProviders() {
        ServerConfig config = ServerConfig.fromProperties(Map.of("data-dir", "/tmp/dw-options",
                "kafka.sasl.jaas.config", "x password=\"pw\";", "kafka-partitions", "4",
                "s3-endpoint", "http://127.0.0.1:9000", "max-lag-records", "77"));
        try (BackendContext context = Server.backendContext(config, Clock.systemUTC())) {
            assertThat(context.options()).containsEntry("kafka.sasl.jaas.config", "x password=\"pw\";")
                    .containsEntry("kafka-partitions", "4").containsEntry("s3-endpoint", "http://127.0.0.1:9000")
                    .containsEntry("max-lag-records", "77");
            assertThat(context.dataDir()).isEqualTo(Path.of("/tmp/dw-options"));
        }
    }
}
