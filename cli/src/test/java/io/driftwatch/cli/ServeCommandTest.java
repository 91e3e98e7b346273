package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code driftwatch serve}'s settings: flag &gt; DRIFTWATCH_* environment &gt; --config file &gt; default. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private static ServerConfig configuration(Map<String, String> env, String... args) throws IOException {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.configuration(env);
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = Files.writeString(dir.resolve("dw.properties"), """
                stream-path = /from/file/stream
                tsdb-connection = /from/file/db
                endpoint-store-connection = /from/file/db
                parquet-path = /from/file/pq
                """);
        Map<String, String> env = Map.of("DRIFTWATCH_STREAM_PATH", "/from/env/stream",
                "DRIFTWATCH_TSDB_CONNECTION", "/from/env/db");
        ServerConfig c = configuration(env, "--config", file.toString(), "--stream-path", "/from/flag/stream");
        assertThat(c.backends().raw(BackendKind.STREAM)).isEqualTo("/from/flag/stream");
        assertThat(c.backends().raw(BackendKind.TSDB)).isEqualTo("/from/env/db");
        assertThat(c.backends().raw(BackendKind.ENDPOINT_STORE)).isEqualTo("/from/file/db");
        assertThat(c.backends().raw(BackendKind.PARQUET)).isEqualTo("/from/file/pq");
        ServerConfig none = configuration(Map.of());
        for (BackendKind kind : BackendKind.values()) {
            assertThat(none.backends().raw(kind)).as(kind.key()).isNull();
            assertThat(none.backends().uri(kind).isDefault()).isTrue();
        }
    }

    @Test
    void allowOutboundIsRepeatableAndAConfigKey() throws IOException {
        assertThat(configuration(Map.of()).secrets().allowOutbound()).isEmpty();
        assertThat(configuration(Map.of(), "--allow-outbound", "127.0.0.1/32", "--allow-outbound", "10.0.0.0/8")
                .secrets().allowOutbound()).containsExactly("127.0.0.1/32", "10.0.0.0/8");
        Path file = Files.writeString(dir.resolve("o.properties"), "allow-outbound = 127.0.0.1/32, ::1/128\n");
        assertThat(configuration(Map.of(), "--config", file.toString()).secrets().allowOutbound())
                .containsExactly("127.0.0.1/32", "::1/128");
        assertThatThrownBy(() -> configuration(Map.of(), "--allow-outbound", "10.0.0.0/99"))
                .hasMessageContaining("allow-outbound").hasMessageContaining("10.0.0.0/99");
    }

    @Test
    void retentionFlagBeatsFileAndDefaultsToThirtyDays() throws IOException {
        assertThat(configuration(Map.of()).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(configuration(Map.of(), "--retention", "7").retention()).isEqualTo(Duration.ofDays(7));
        assertThat(configuration(Map.of(), "--retention", "12h").retention()).isEqualTo(Duration.ofHours(12));
        Path file = Files.writeString(dir.resolve("r.properties"), "retention = P14D\n");
        assertThat(configuration(Map.of(), "--config", file.toString()).retention()).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> configuration(Map.of(), "--retention", "0")).hasMessageContaining("retention");
        assertThatThrownBy(() -> configuration(Map.of(), "--retention", "soon")).hasMessageContaining("retention")
                .hasMessageContaining("soon");
    }

    @Test
    void everyBackendFlagAndVariableIsRead() throws IOException {
        ServerConfig flags = configuration(Map.of(), "--stream-path", "kafka://k:9092",
                "--tsdb-connection", "postgresql://u:pw@pg/db", "--endpoint-store-connection",
                "mysql+pymysql://u:pw@my/db", "--parquet-path", "s3://bucket/prefix");
        assertThat(flags.backends().uri(BackendKind.STREAM).scheme()).isEqualTo("kafka");
        assertThat(flags.backends().uri(BackendKind.TSDB).scheme()).isEqualTo("postgresql");
        assertThat(flags.backends().uri(BackendKind.ENDPOINT_STORE).scheme()).isEqualTo("mysql");
        assertThat(flags.backends().uri(BackendKind.PARQUET).scheme()).isEqualTo("s3");
        ServerConfig env = configuration(Map.of("DRIFTWATCH_ENDPOINT_STORE_CONNECTION", "/e",
                "DRIFTWATCH_PARQUET_PATH", "/p", "DRIFTWATCH_STREAM_PATH", " "));
        assertThat(env.backends().raw(BackendKind.ENDPOINT_STORE)).isEqualTo("/e");
        assertThat(env.backends().raw(BackendKind.PARQUET)).isEqualTo("/p");
        assertThat(env.backends().raw(BackendKind.STREAM)).as("a blank variable is unset").isNull();
    }

    @Test
    void unknownFileKeysAreStillRejectedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.properties"), "stream_path = kafka://k:9092\n");
        assertThatThrownBy(() -> configuration(Map.of(), "--config", file.toString()))
                .hasMessageContaining("stream_path");
    }

    @Test
    void securityFlagsReachTheConfiguration() throws IOException {
        ServerConfig none = configuration(Map.of());
        assertThat(none.security().bind()).isEqualTo("127.0.0.1");
        assertThat(none.security().authRequired()).isFalse();
        ServerConfig c = configuration(Map.of(), "--bind", "0.0.0.0", "--auth", "required", "--admin-key-file",
                "/k", "--insecure");
        assertThat(c.security().bind()).isEqualTo("0.0.0.0");
        assertThat(c.security().authRequired()).isTrue();
        assertThat(c.security().insecure()).isTrue();
        assertThat(c.security().adminKeyFile()).isEqualTo(Path.of("/k"));
        assertThatThrownBy(() -> configuration(Map.of(), "--auth", "sometimes")).hasMessageContaining("sometimes");
        assertThat(none.security().tls()).isFalse();
        ServerConfig tls = configuration(Map.of(), "--tls-cert", "/c.pem", "--tls-key", "/k.pem");
        assertThat(tls.security().tlsCert()).isEqualTo(Path.of("/c.pem"));
        assertThat(tls.security().tlsKey()).isEqualTo(Path.of("/k.pem"));
        assertThatThrownBy(() -> configuration(Map.of(), "--tls-cert", "/c.pem")).hasMessageContaining("--tls-key");
    }

    @Test
    void adapterOptionsComeFromFlagsEnvironmentAndFileInThatOrder() throws IOException {
        Path file = Files.writeString(dir.resolve("k.properties"), """
                s3-endpoint = http://file:9000
                kafka-partitions = 3
                kafka.security.protocol = PLAINTEXT
                kafka.sasl.jaas.config = org.apache.kafka.common.security.plain.PlainLoginModule required \
                  username="u" password="jaas-pw";
                """);
        Map<String, String> env = Map.of("DRIFTWATCH_S3_ENDPOINT", "http://env:9000",
                "DRIFTWATCH_KAFKA__SECURITY_PROTOCOL", "SASL_SSL", "DRIFTWATCH_KAFKA_REPLICATION_FACTOR", "2",
                "DRIFTWATCH_URL", "http://client-side:8080", "DRIFTWATCH_ADMIN_KEY", "not-a-config-key");
        ServerConfig c = configuration(env, "--config", file.toString(), "--s3-endpoint", "http://flag:9000",
                "--kafka", "sasl.mechanism=PLAIN", "--kafka-partitions", "12");
        assertThat(c.backends().options()).containsEntry("s3-endpoint", "http://flag:9000")
                .containsEntry("kafka-partitions", "12").containsEntry("kafka-replication-factor", "2")
                .containsEntry("kafka.security.protocol", "SASL_SSL").containsEntry("kafka.sasl.mechanism", "PLAIN")
                .containsKey("kafka.sasl.jaas.config");
        assertThat(c.backends().toString()).contains("kafka.sasl.jaas.config=***").doesNotContain("jaas-pw");
        ServerConfig fileOnly = configuration(Map.of(), "--config", file.toString());
        assertThat(fileOnly.backends().options()).containsEntry("s3-endpoint", "http://file:9000")
                .containsEntry("kafka-partitions", "3").containsEntry("kafka.security.protocol", "PLAINTEXT");
        assertThat(configuration(Map.of()).backends().options()).isEmpty();
    }

    @Test
    void everyKeyIsAlsoAnEnvironmentVariable() throws IOException {
        ServerConfig c = configuration(Map.of("DRIFTWATCH_PORT", "9123", "DRIFTWATCH_DATA_DIR", "/env/data",
                "DRIFTWATCH_RETENTION", "7", "DRIFTWATCH_MAX_LAG_RECORDS", "5"), "--port", "9124");
        assertThat(c.port()).as("flag beats environment").isEqualTo(9124);
        assertThat(c.dataDir()).isEqualTo(Path.of("/env/data"));
        assertThat(c.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.maxLagRecords()).isEqualTo(5);
    }

    @Test
    void unknownDriftwatchVariablesAndBadOptionValuesAreRejectedByName() {
        assertThatThrownBy(() -> configuration(Map.of("DRIFTWATCH_STREAM_PATHS", "kafka://k:9092")))
                .hasMessageContaining("DRIFTWATCH_STREAM_PATHS").hasMessageContaining("DRIFTWATCH_STREAM_PATH");
        assertThatThrownBy(() -> configuration(Map.of(), "--kafka-partitions", "0"))
                .hasMessageContaining("kafka-partitions");
        assertThatThrownBy(() -> configuration(Map.of(), "--s3-endpoint", "s3.example"))
                .hasMessageContaining("s3-endpoint");
        assertThatThrownBy(() -> configuration(Map.of("DRIFTWATCH_KAFKA__", "x")))
                .hasMessageContaining("DRIFTWATCH_KAFKA__");
    }

    @Test
    void mlrunsMysqlFormIsAccepted() throws IOException {
        ServerConfig c = configuration(Map.of(), "--endpoint-store-connection", "mysql+pymysql://root:pw@db:3306/mm");
        assertThat(c.backends().uri(BackendKind.ENDPOINT_STORE).scheme()).isEqualTo("mysql");
        assertThat(c.backends().toString()).contains("root:***@db").doesNotContain(":pw@");
    }
}
