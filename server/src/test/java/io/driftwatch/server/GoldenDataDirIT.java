package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrade test: a data directory written by the release before schema versioning (commit 3f3fe8f, {@code driftwatch
 * demo}: project iris-demo, model iris, one endpoint with 301 tracked requests processed into Parquet and time
 * series, two analysed windows, alert drift-to-console with one activation) opens with this code, is migrated to
 * the current schema version and reads back. The fixture is {@code src/test/resources/upgrade/data-dir-3f3fe8f.zip}
 * (how it was made: docs/scale-out.md, "Schema versions").
 */
class GoldenDataDirIT {
    private static final String FIXTURE = "/upgrade/data-dir-3f3fe8f.zip";
    private static final String P = "/projects/iris-demo";
    private static final String DAY = "start=2026-12-07T00:00:00Z&end=2026-12-08T00:00:00Z";
    private static final String UID = "194b3bd3b820a4b9ca42a0e16ae18cdfa4606634";
    @TempDir
    Path dir;

    @Test
    void aDataDirectoryOfThePreviousReleaseOpensAndReadsBack() throws IOException {
        Path data = unzip(dir.resolve("data"));
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(data)
                .withRetention(Duration.ofDays(36_500));
        try (Server server = Server.start(config)) {
            Http http = new Http(server.port());
            assertThat(http.get("/projects").json().findValuesAsText("name")).containsExactly("iris-demo");
            assertThat(http.get(P + "/models").json().get(0).path("feature_names")).hasSize(4);
            JsonNode ep = http.get(P + "/model-endpoints/" + UID).json();
            assertThat(ep.path("spec").path("model").asText()).isEqualTo("iris");
            assertThat(ep.path("status").path("metrics").path("generic").path("predictions_count_1h").asInt())
                    .isEqualTo(301);
            assertThat(ep.path("status").path("first_request").asText()).isEqualTo("2026-12-07T05:51:08.691707Z");
            assertThat(http.get(P + "/model-monitoring/settings").json().path("enabled").asBoolean()).isTrue();
            JsonNode values = http.get(P + "/model-endpoints/" + UID + "/metrics-values?name=iris-demo."
                    + "histogram-data-drift.result.general_drift&" + DAY).json().get(0).path("values");
            assertThat(values).hasSize(2);
            assertThat(values.get(0).get(1).asDouble()).isCloseTo(0.9137, within(1e-4));
            assertThat(values.get(1).get(1).asDouble()).isCloseTo(0.0012, within(1e-4));
            assertThat(http.get(P + "/model-endpoints/" + UID + "/data?format=csv&" + DAY).body().lines())
                    .as("header + every processed row, from the Parquet files").hasSize(302);
            assertThat(http.get(P + "/model-endpoints/" + UID + "/artifacts").json()).hasSize(4);
            assertThat(http.get(P + "/alerts/drift-to-console").json().path("severity").asText()).isEqualTo("high");
            JsonNode activations = http.get(P + "/alert-activations").json();
            assertThat(activations).hasSize(1);
            assertThat(activations.get(0).path("notifications").get(0).path("status").asText()).isEqualTo("sent");
            assertThat(http.post("/projects", "{\"name\":\"after-upgrade\"}").status()).isEqualTo(201);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve("driftwatch.duckdb"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(version), count(*) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).as("migrated to the latest version").isGreaterThanOrEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(rs.getInt(1));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Path unzip(Path target) throws IOException {
        try (InputStream in = GoldenDataDirIT.class.getResourceAsStream(FIXTURE);
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
        Files.setPosixFilePermissions(target.resolve("secret.key"), PosixFilePermissions.fromString("rw-------"));
        return target;
    }
}
