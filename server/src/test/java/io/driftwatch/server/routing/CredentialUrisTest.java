package io.driftwatch.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUris;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialUrisTest {
    private static final String PG = "postgresql://u:pw@db:5432/two";

    @Test
    void credentialsReplaceTheServersSettingsAndEmbeddedOrNoneChangesNothing() {
        BackendUris server = BackendUris.defaults().with(BackendKind.STREAM, "kafka://k:9092");
        assertThat(CredentialUris.of(server, Map.of())).isEqualTo(server);
        assertThat(CredentialUris.of(server, Map.of("min_rows", "5"))).isEqualTo(server);
        assertThat(CredentialUris.of(BackendUris.defaults(), Map.of("tsdb_connection", "embedded",
                "endpoint_store_connection", "EMBEDDED"))).isEqualTo(BackendUris.defaults());
        BackendUris own = CredentialUris.of(server, Map.of("tsdb_connection", PG, "endpoint_store_connection", PG));
        assertThat(own.raw(BackendKind.TSDB)).isEqualTo(PG);
        assertThat(own.raw(BackendKind.ENDPOINT_STORE)).isEqualTo(PG);
        assertThat(own.raw(BackendKind.STREAM)).as("unset: the server's").isEqualTo("kafka://k:9092");
        assertThat(CredentialUris.of(server, Map.of("stream_path", "embedded")).raw(BackendKind.STREAM)).isNull();
    }

    @Test
    void theSetIdIsStableHidesThePasswordAndDiffersPerSet() {
        BackendUris a = CredentialUris.of(BackendUris.defaults(), Map.of("tsdb_connection", PG));
        BackendUris b = CredentialUris.of(BackendUris.defaults(), Map.of("tsdb_connection", PG.replace("pw", "x")));
        assertThat(CredentialUris.id(a)).hasSize(16).isEqualTo(CredentialUris.id(a)).doesNotContain("pw")
                .isNotEqualTo(CredentialUris.id(b));
    }

    @Test
    void aNonDefaultParquetPathIsMovedToTheSetsOwnPrefix() {
        BackendUris embedded = BackendUris.defaults();
        assertThat(CredentialUris.isolated(embedded, "abc")).isEqualTo(embedded);
        BackendUris s3 = embedded.with(BackendKind.PARQUET, "s3://bucket/prefix/");
        assertThat(CredentialUris.isolated(s3, "abc").raw(BackendKind.PARQUET))
                .isEqualTo("s3://bucket/prefix/credential-sets/abc");
        BackendUris dir = embedded.with(BackendKind.PARQUET, "/data/pq");
        assertThat(CredentialUris.isolated(dir, "abc").raw(BackendKind.PARQUET))
                .isEqualTo("/data/pq/credential-sets/abc");
    }
}
