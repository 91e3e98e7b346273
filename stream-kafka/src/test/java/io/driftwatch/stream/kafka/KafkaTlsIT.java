package io.driftwatch.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 pt 3, TLS to Kafka through the clients' own options: a broker whose client listener speaks SSL only (its
 * key made by keytool), reached with {@code kafka.security.protocol=SSL} and {@code kafka.ssl.truststore.*} passed
 * through; without the trust store the same stream is refused (the broker's certificate is not trusted), and a
 * plain-text client gets nothing.
 */
class KafkaTlsIT {
    private static final String PASS = "broker-pass-123";
    @TempDir
    static Path dir;
    private static KafkaBroker broker;
    private static Path keyStore;

    @BeforeAll
    static void startSslBroker() throws Exception {
        keyStore = dir.resolve("broker.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASS).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        broker = KafkaBroker.startSsl(new KafkaBroker.Tls(keyStore, PASS));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.kill();
        }
    }

    private static KafkaEventStream stream(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of(KafkaSettings.PARTITIONS, "1",
                KafkaSettings.TIMEOUT_MS, "5000", "kafka.security.protocol", "SSL",
                "kafka.default.api.timeout.ms", "8000", "kafka.request.timeout.ms", "5000"));
        options.putAll(extra);
        return new KafkaEventStream(KafkaSettings.of(BackendUri.parse(broker.streamPath()), options));
    }

    @Test
    void eventsGoThroughAnSslListenerWithTheTrustStorePassedThrough() throws Exception {
        Map<String, String> trust = Map.of("kafka.ssl.truststore.location", keyStore.toString(),
                "kafka.ssl.truststore.password", PASS, "kafka.ssl.truststore.type", "PKCS12");
        KafkaEventStream s = stream(trust);
        s.createProject("tls");
        s.append("tls", "k", List.of("{\"over\":\"tls\"}".getBytes(StandardCharsets.UTF_8)));
        try (KafkaPartitionView view = KafkaPartitionView.owning(s,
                new StreamPartition(KafkaSettings.topic("tls"), 0))) {
            List<StreamRecord> got = new ArrayList<>();
            for (int i = 0; i < 20 && got.isEmpty(); i++) {
                got.addAll(view.read(0, 10, Duration.ofSeconds(1)));
            }
            assertThat(got).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                    .containsExactly("{\"over\":\"tls\"}");
        }
    }

    @Test
    void withoutTheTrustStoreTheBrokerIsNotTrustedAndPlainTextGetsNothing() {
        try (KafkaEventStream untrusted = stream(Map.of())) {
            assertThatThrownBy(() -> untrusted.createProject("untrusted")).hasStackTraceContaining("SSL");
        }
        try (KafkaEventStream plain = stream(Map.of("kafka.security.protocol", "PLAINTEXT"))) {
            assertThatThrownBy(() -> plain.createProject("plain")).isNotNull();
        }
    }
}
