package io.driftwatch.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendUri;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Parsing {@code kafka://…} and the options: pass-through of {@code kafka.*}, forced durability, masking. */
class KafkaSettingsTest {
    private static final Map<String, String> OPTIONS = Map.of(
            "kafka.security.protocol", "SASL_SSL",
            "kafka.sasl.mechanism", "PLAIN",
            "kafka.sasl.jaas.config", "PlainLoginModule required username=\"dw\" password=\"hunter2\";",
            "kafka.ssl.truststore.password", "hunter3",
            "kafka.acks", "1",
            "max-lag-records", "5",
            KafkaSettings.PARTITIONS, "12",
            KafkaSettings.TIMEOUT_MS, "2500");

    private static KafkaSettings settings() {
        return KafkaSettings.of(BackendUri.parse("kafka://broker-1:9092,broker-2:9093"), OPTIONS);
    }

    @Test
    void kafkaKeysPassThroughWithoutThePrefixAndOtherOptionsStayOut() {
        Properties p = settings().consumer("driftwatch-processor");
        assertThat(p).containsEntry("bootstrap.servers", "broker-1:9092,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("group.id", "driftwatch-processor").containsEntry("enable.auto.commit", false);
        assertThat(p.keySet()).noneMatch(k -> k.toString().startsWith("kafka.") || k.equals("max-lag-records")
                || k.equals(KafkaSettings.PARTITIONS));
        assertThat(settings().consumer(null)).doesNotContainKey("group.id");
        assertThat(settings().admin()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void theProducerAlwaysWaitsForAllReplicasWithIdempotenceAndTheConfiguredBound() {
        Properties p = settings().producer();
        assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 2500L).containsEntry("security.protocol", "SASL_SSL");
        assertThat(settings().partitions).isEqualTo(12);
        assertThat(settings().replicationFor(1)).isEqualTo((short) 1);
        assertThat(settings().replicationFor(5)).isEqualTo((short) 3);
    }

    @Test
    void secretsAreMaskedInTheDescription() {
        String shown = settings().toString();
        assertThat(shown).contains("kafka://broker-1:9092,broker-2:9093").contains("SASL_SSL")
                .doesNotContain("hunter2").doesNotContain("hunter3");
        assertThat(KafkaSettings.of(BackendUri.parse("kafka://u:hunter2@b:9092"), Map.of()).toString())
                .doesNotContain("hunter2");
    }

    @Test
    void eventTopicsAreTheProjectsStreamsNotTheirAppsOrWriterTopics() {
        assertThat(KafkaSettings.topic("fraud")).isEqualTo("monitoring_stream_fraud");
        assertThat(KafkaSettings.EVENT_TOPICS.matcher("monitoring_stream_fraud").matches()).isTrue();
        assertThat(KafkaSettings.EVENT_TOPICS.matcher("monitoring_stream_fraud_apps").matches()).isFalse();
        assertThat(KafkaSettings.EVENT_TOPICS.matcher("monitoring_stream_fraud_writer").matches()).isFalse();
        assertThatThrownBy(() -> KafkaSettings.topic("bad name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicPrefixInTheUriNamesTheProjectsTopicsAndNothingElseIsAccepted() {
        KafkaSettings s = KafkaSettings.of(BackendUri.parse("kafka://b:9092?topic_prefix=team_a_"), Map.of());
        assertThat(s.bootstrap).isEqualTo("b:9092");
        assertThat(s.topicOf("fraud")).isEqualTo("team_a_fraud");
        assertThat(s.projectOf("team_a_fraud")).isEqualTo("fraud");
        assertThat(s.projectOf("monitoring_stream_fraud")).as("another prefix's topic").isNull();
        assertThat(s.projectOf("team_a_fraud_apps")).isNull();
        assertThat(s.toString()).contains("topic_prefix=team_a_");
        KafkaSettings plain = KafkaSettings.of(BackendUri.parse("kafka://b:9092"), Map.of());
        assertThat(plain.topicOf("fraud")).isEqualTo("monitoring_stream_fraud");
        assertThat(plain.projectOf("team_a_fraud")).isNull();
        assertThatThrownBy(() -> KafkaSettings.of(BackendUri.parse("kafka://b:9092?topic=mine"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic_prefix");
        assertThatThrownBy(() -> KafkaSettings.of(BackendUri.parse("kafka://b:9092?topic_prefix=a/b"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic_prefix");
    }
}
