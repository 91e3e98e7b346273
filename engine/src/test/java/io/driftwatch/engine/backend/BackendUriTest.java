package io.driftwatch.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackendUriTest {
    @Test
    void emptyAndEmbeddedAreTheDefault() {
        for (String v : new String[] {null, "", "  ", "embedded", "EMBEDDED"}) {
            BackendUri u = BackendUri.parse(v);
            assertThat(u.scheme()).isEqualTo("embedded");
            assertThat(u.isDefault()).isTrue();
            assertThat(u.path()).isEmpty();
        }
    }

    @Test
    void plainPathsAndFileUrisArePaths() {
        assertThat(BackendUri.parse("/var/dw/log").path()).contains(Path.of("/var/dw/log"));
        assertThat(BackendUri.parse("data/log").path()).contains(Path.of("data/log"));
        BackendUri file = BackendUri.parse("file:///var/dw/log");
        assertThat(file.scheme()).isEqualTo("file");
        assertThat(file.path()).contains(Path.of("/var/dw/log"));
        assertThat(BackendUri.parse("file:rel/dir").path()).contains(Path.of("rel/dir"));
    }

    @Test
    void mlrunFormsAreNormalised() {
        assertThat(BackendUri.parse("mysql+pymysql://u:p@db:3306/mlrun").scheme()).isEqualTo("mysql");
        assertThat(BackendUri.parse("mysql+pymysql://u:p@db:3306/mlrun").secretValue())
                .isEqualTo("mysql://u:p@db:3306/mlrun");
        assertThat(BackendUri.parse("postgresql+psycopg://u@pg/db").scheme()).isEqualTo("postgresql");
        assertThat(BackendUri.parse("postgresql+psycopg2://u@pg/db").scheme()).isEqualTo("postgresql");
        assertThat(BackendUri.parse("postgres://u@pg/db").scheme()).isEqualTo("postgresql");
        BackendUri kafka = BackendUri.parse("KAFKA://broker-1:9092,broker-2:9092");
        assertThat(kafka.scheme()).isEqualTo("kafka");
        assertThat(kafka.uri().orElseThrow().getAuthority()).isEqualTo("broker-1:9092,broker-2:9092");
    }

    @Test
    void passwordsAreMaskedInToStringAndErrors() {
        BackendUri u = BackendUri.parse("postgresql://monitor:s3cr3t@pg:5432/dw?sslmode=require&password=other");
        assertThat(u.toString()).isEqualTo("postgresql://monitor:***@pg:5432/dw?sslmode=require&password=***");
        assertThat(u.secretValue()).contains("s3cr3t");
        assertThatThrownBy(() -> BackendUri.parse("mysql://u:hunter2@db host/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://u:***@db host/x").hasMessageNotContaining("hunter2");
        assertThat(BackendUris.defaults().with(BackendKind.TSDB, "mysql://u:hunter2@db/x").toString())
                .isEqualTo("{tsdb-connection=mysql://u:***@db/x}");
    }

    @Test
    void kindsNameTheirKeysAndEnvironmentVariables() {
        assertThat(BackendKind.STREAM.envVar()).isEqualTo("DRIFTWATCH_STREAM_PATH");
        assertThat(BackendKind.ENDPOINT_STORE.envVar()).isEqualTo("DRIFTWATCH_ENDPOINT_STORE_CONNECTION");
        assertThat(BackendKind.PARQUET.key()).isEqualTo("parquet-path");
    }
}
