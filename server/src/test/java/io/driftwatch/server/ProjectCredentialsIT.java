package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-project credentials take effect (issue 16.6), on real parts: a server on the embedded defaults; project A
 * without credentials, project B whose {@code endpoint_store_connection} and {@code tsdb_connection} name a fresh
 * PostgreSQL database (127.0.0.1:5432, user postgres, dropped after the test). B's endpoint, predictions and drift
 * results land in PostgreSQL and not in the embedded DuckDB; A's in DuckDB and not in PostgreSQL; both read back
 * through REST; credentials changed after monitoring was enabled are a 409 unless {@code replace_creds}.
 */
class ProjectCredentialsIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String A = "plain";
    private static final String B = "ownpg";
    private static final String MODEL = "iris-model";
    @TempDir
    Path dir;
    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void databases() throws SQLException {
        databases.add(createDatabase());
        databases.add(createDatabase());
    }

    @AfterEach
    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            for (String d : databases) {
                s.execute("DROP DATABASE IF EXISTS " + d + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aProjectWithCredentialsIsServedFromItsOwnDatabase() throws Exception {
        String db = databases.get(0);
        String url = "postgresql://postgres@127.0.0.1:5432/" + db;
        String uidA = EndpointId.of(A, A + "/serving", MODEL, null);
        String uidB = EndpointId.of(B, B + "/serving", MODEL, null);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            client.createProject(A);
            client.createProject(B);
            Http.Response set = http.post(credentials(B) + "?endpoint_store_connection=" + url + "&tsdb_connection="
                    + url, "");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            for (String p : List.of(A, B)) {
                client.logModel(p, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
                client.enableMonitoring(p, "1m", true);
            }
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            Instant closeAt = t0.plusSeconds(200);
            for (String p : List.of(A, B)) {
                assertThat(client.ingest(p, events(p, t0, closeAt)).path("accepted").asInt()).isEqualTo(151);
            }
            for (String[] e : List.of(new String[] {A, uidA}, new String[] {B, uidB})) {
                await("the processor applied " + e[0] + "'s events").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50)).until(() -> lastRequest(client, e[0], e[1])
                                .equals(closeAt.toString()));
            }
            client.runController(B);
            client.runController(A);
            for (String[] e : List.of(new String[] {A, uidA}, new String[] {B, uidB})) {
                JsonNode values = client.metricsValues(e[0], e[1], List.of(e[0]
                        + ".histogram-data-drift.result.general_drift"), null, null).get(0).path("values");
                assertThat(values).as(e[0] + ": one drift result, for the window [t0, t0+1m)").hasSize(1);
                assertThat(values.get(0).get(0).asText()).isEqualTo(t0.plusSeconds(60).toString());
            }

            assertThat(pgCount(db, "endpoints", B)).as("B's endpoint in PostgreSQL").isEqualTo(1);
            assertThat(pgSum(db, B)).as("B's 151 predictions in PostgreSQL").isEqualTo(151);
            assertThat(pgCount(db, "app_results", B)).as("B's drift results in PostgreSQL").isPositive();
            assertThat(pgCount(db, "endpoints", A) + pgCount(db, "predictions", A) + pgCount(db, "app_results", A))
                    .as("nothing of A in PostgreSQL").isZero();

            Http.Response conflict = http.post(credentials(B) + "?tsdb_connection=" + pgUrl(databases.get(1))
                    + "&endpoint_store_connection=" + pgUrl(databases.get(1)), "");
            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.body()).doesNotContain("secret-pw").contains("***");
        }
        assertThat(duckCount("endpoints", A)).as("A's endpoint in DuckDB").isEqualTo(1);
        assertThat(duckCount("predictions", A)).as("A's predictions in DuckDB").isPositive();
        assertThat(duckCount("endpoints", B) + duckCount("predictions", B) + duckCount("app_results", B))
                .as("nothing of B in the embedded DuckDB").isZero();
    }

    @Test
    void replacedCredentialsServeTheProjectFromTheNewDatabase() throws Exception {
        String first = databases.get(0);
        String second = databases.get(1);
        String uid = EndpointId.of(B, B + "/serving", MODEL, null);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            client.createProject(B);
            String setFirst = "?endpoint_store_connection=" + pgUrl(first) + "&tsdb_connection=" + pgUrl(first);
            assertThat(http.post(credentials(B) + setFirst, "").status()).isEqualTo(200);
            client.logModel(B, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
            client.enableMonitoring(B, "1m", true);
            String setSecond = "?endpoint_store_connection=" + pgUrl(second) + "&tsdb_connection=" + pgUrl(second);
            Http.Response conflict = http.post(credentials(B) + setSecond, "");
            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.body()).doesNotContain("secret-pw").contains("***");
            Http.Response replaced = http.post(credentials(B) + setSecond + "&replace_creds=true", "");
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.body()).doesNotContain("secret-pw");

            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            Instant closeAt = t0.plusSeconds(200);
            assertThat(client.ingest(B, events(B, t0, closeAt)).path("accepted").asInt()).isEqualTo(151);
            await("the processor applied the events").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> lastRequest(client, B, uid)
                            .equals(closeAt.toString()));
            assertThat(pgSum(second, B)).as("after replace_creds: the new database").isEqualTo(151);
            assertThat(pgCount(first, "predictions", B)).as("the first database got nothing").isZero();
        }
    }

    private static String credentials(String project) {
        return "/projects/" + project + "/model-monitoring/set-model-monitoring-credentials";
    }

    /** A URL with a password: PostgreSQL on 127.0.0.1 trusts user postgres, so any password works. */
    private static String pgUrl(String db) {
        return "postgresql://postgres:secret-pw@127.0.0.1:5432/" + db;
    }

    private static String createDatabase() throws SQLException {
        String name = "dw_creds_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static long pgCount(String db, String table, String project) throws SQLException {
        return count(DriverManager.getConnection(PG + db, "postgres", ""),
                "SELECT count(*) FROM " + table + " WHERE project = '" + project + "'");
    }

    private static long pgSum(String db, String project) throws SQLException {
        return count(DriverManager.getConnection(PG + db, "postgres", ""),
                "SELECT coalesce(sum(row_count), 0) FROM predictions WHERE project = '" + project + "'");
    }

    private long duckCount(String table, String project) throws SQLException {
        return count(DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("driftwatch.duckdb")),
                "SELECT count(*) FROM " + table + " WHERE project = '" + project + "'");
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String lastRequest(DriftwatchClient client, String project, String uid) {
        try {
            return client.endpoint(project, uid, false).path("status").path("last_request").asText();
        } catch (RuntimeException e) { // not created yet
            return "";
        }
    }

    private static List<ObjectNode> events(String project, Instant t0, Instant closeAt) throws Exception {
        List<double[]> rows = Files.readAllLines(IrisTutorialIT.csv()).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            events.add(event(project, rows.get(i), t0.plusMillis(300L * i), "r" + i));
        }
        events.add(event(project, rows.getFirst(), closeAt, "close"));
        return events;
    }

    private static ObjectNode event(String project, double[] row, Instant when, String id) {
        ObjectNode e = Json.object();
        e.put("model", MODEL).put("function_uri", project + "/serving").put("when", when.toString())
                .put("microsec", 900);
        var inputs = e.putObject("request").put("id", id).putArray("inputs").addArray();
        for (int i = 0; i < 4; i++) {
            inputs.add(row[i]);
        }
        e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs").add((int) row[4]);
        return e;
    }
}
