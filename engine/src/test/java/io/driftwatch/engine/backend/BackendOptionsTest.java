package io.driftwatch.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adapter options, their masking, and which open failures count as a backend that does not answer. */
class BackendOptionsTest {
    @Test
    void optionsAreValidatedByKey() {
        BackendUris u = BackendUris.defaults().withOption("kafka-partitions", "12")
                .withOption("kafka.security.protocol", "SASL_SSL").withOption("s3-endpoint", "http://127.0.0.1:9000")
                .withOption("health-interval", "250ms");
        assertThat(u.options()).containsEntry("kafka-partitions", "12").containsEntry("kafka.security.protocol",
                "SASL_SSL").containsEntry("s3-endpoint", "http://127.0.0.1:9000");
        assertThat(BackendOptions.healthInterval(u.options())).isEqualTo(Duration.ofMillis(250));
        assertThat(BackendOptions.healthInterval(Map.of())).isEqualTo(Duration.ofSeconds(5));
        assertThat(u.withOption("kafka-partitions", " ").options()).doesNotContainKey("kafka-partitions");
        assertThatThrownBy(() -> u.withOption("kafka-replication-factor", "-1"))
                .hasMessageContaining("kafka-replication-factor");
        assertThatThrownBy(() -> u.withOption("health-interval", "0s")).hasMessageContaining("health-interval");
        assertThatThrownBy(() -> u.withOption("kafka.Security Protocol", "x")).hasMessageContaining("Kafka client key");
        assertThatThrownBy(() -> u.withOption("colour", "x")).hasMessageContaining("colour");
    }

    @Test
    void secretOptionsAndPasswordsAreMaskedWhenShown() {
        BackendUris u = BackendUris.defaults().with(BackendKind.TSDB, "postgresql://u:pg-pw@db/x")
                .withOption("kafka.sasl.jaas.config", "PlainLoginModule required password=\"jaas-pw\";")
                .withOption("kafka.ssl.truststore.password", "ts-pw")
                .withOption("s3-endpoint", "http://minio:m-pw@127.0.0.1:9000");
        assertThat(u.toString()).contains("u:***@db", "kafka.sasl.jaas.config=***",
                "kafka.ssl.truststore.password=***", "minio:***@127.0.0.1").doesNotContain("pg-pw", "jaas-pw",
                "ts-pw", "m-pw");
        assertThat(u.options().get("kafka.sasl.jaas.config")).contains("jaas-pw");
    }

    @Test
    void connectionFailuresAreTransientConfigurationErrorsAreNot() {
        assertThat(BackendUnavailableException.isTransient(
                new UncheckedIOException(new ConnectException("Connection refused")))).isTrue();
        assertThat(BackendUnavailableException.isTransient(new IllegalStateException("pool",
                new SQLException("refused", "08001")))).isTrue();
        assertThat(BackendUnavailableException.isTransient(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(BackendUnavailableException.isTransient(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(BackendUnavailableException.isTransient(new SQLException("bad password", "28P01"))).isFalse();
        assertThat(BackendUnavailableException.isTransient(new IllegalArgumentException("unknown scheme")))
                .isFalse();
        BackendUnavailableException e = new BackendUnavailableException(BackendKind.ENDPOINT_STORE,
                BackendUri.parse("postgresql://u:pg-pw@127.0.0.1:5432/x"),
                new UncheckedIOException("to postgresql://u:pg-pw@127.0.0.1", new ConnectException("Connection refused")));
        assertThat(e.getMessage()).isEqualTo("endpoint-store-connection postgresql://u:***@127.0.0.1:5432/x: "
                + "Connection refused");
        assertThat(e.kind()).isEqualTo(BackendKind.ENDPOINT_STORE);
    }
}
