package io.driftwatch.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static SecretBox box(int fill, String source) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return SecretBox.of(key, source);
    }

    @Test
    void valuesAreEncryptedWithAFreshNonceAndReadBack() {
        SecretBox b = box(1, "test");
        String once = b.encrypt("Bearer tok-123");
        String twice = b.encrypt("Bearer tok-123");
        assertThat(once).startsWith("enc:v1:").doesNotContain("tok-123").isNotEqualTo(twice);
        assertThat(b.decrypt(once)).isEqualTo("Bearer tok-123");
        assertThat(b.decrypt(twice)).isEqualTo("Bearer tok-123");
        assertThat(b.encrypt(once)).isEqualTo(once);
        assertThat(b.decrypt("old plaintext")).isEqualTo("old plaintext");
        assertThat(b.encrypt(null)).isNull();
    }

    @Test
    void aWrongKeyIsAClearErrorNamingTheKeySource() {
        String sealed = box(1, "a").encrypt("pw");
        assertThatThrownBy(() -> box(2, "DRIFTWATCH_SECRET_KEY").decrypt(sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DRIFTWATCH_SECRET_KEY")
                .hasMessageContaining("wrong key");
        assertThatThrownBy(() -> SecretBox.PLAIN.decrypt(sealed)).hasMessageContaining("no secret key");
        assertThatThrownBy(() -> SecretBox.of(new byte[16], "--secret-key-file k")).hasMessageContaining("32 bytes")
                .hasMessageContaining("--secret-key-file k");
    }

    @Test
    void projectCredentialsAreStoredEncryptedAndReadInClear() {
        ProjectStore raw = MemoryStores.projectStore();
        ProjectStore store = new SecretProjectStore(raw, box(3, "test"));
        store.createProject("p");
        store.putMonitoringSettings(new MonitoringSettings("p", true, Duration.ofMinutes(10),
                Map.of("tsdb_connection", "postgresql://u:pw-77@db/x", "min_rows", "5")));
        Map<String, String> stored = raw.monitoringSettings("p").orElseThrow().credentials();
        assertThat(stored.get("tsdb_connection")).startsWith("enc:v1:").doesNotContain("pw-77");
        assertThat(stored).containsEntry("min_rows", "5");
        assertThat(store.monitoringSettings("p").orElseThrow().credentials())
                .containsEntry("tsdb_connection", "postgresql://u:pw-77@db/x");
        raw.putMonitoringSettings(new MonitoringSettings("p", true, Duration.ofMinutes(10),
                Map.of("stream_path", "kafka://old-plain:9092")));
        assertThat(store.monitoringSettings("p").orElseThrow().credentials())
                .containsEntry("stream_path", "kafka://old-plain:9092");
    }
}
