package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import io.driftwatch.testkit.KafkaBroker;
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
 * Per-project credentials with a Kafka {@code stream_path} (issue 16.6): a server on the embedded defaults; a project
 * whose credentials name the test broker (testkit {@link KafkaBroker}) and a fresh PostgreSQL database gets its
 * topic at enable-monitoring, its events through Kafka (none in the embedded log), processed once by its own
 * processor into PostgreSQL, and a drift result after a controller run.
 */
class ProjectKafkaCredentialsIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String K = "ownkafka" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final String MODEL = "iris-model";
    @TempDir
    Path dir;
    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void databases() throws SQLException {
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
    void aProjectWhoseStreamPathNamesKafkaIsIngestedThroughItsTopic() throws Exception {
        String db = databases.get(0);
        String uid = EndpointId.of(K, K + "/serving", MODEL, null);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            client.createProject(K);
            Http.Response set = http.post(credentials(K) + "?stream_path=" + KafkaBroker.shared().streamPath()
                    + "&endpoint_store_connection=" + pgUrl(db) + "&tsdb_connection=" + pgUrl(db), "");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            client.logModel(K, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
            client.enableMonitoring(K, "1m", true);
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            Instant closeAt = t0.plusSeconds(200);
            assertThat(client.ingest(K, events(K, t0, closeAt)).path("accepted").asInt()).isEqualTo(151);
            await("the project's processor applied the events from Kafka").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100)).until(() -> lastRequest(client, K, uid)
                            .equals(closeAt.toString()));
            client.runController(K);
            JsonNode values = client.metricsValues(K, uid, List.of(K + ".histogram-data-drift.result.general_drift"),
                    null, null).get(0).path("values");
            assertThat(values).as("one drift result, for the window [t0, t0+1m)").hasSize(1);
            assertThat(server.stream().endOffset()).as("nothing in the embedded log").isZero();
            assertThat(pgSum(db, K)).as("the 151 predictions, once, in PostgreSQL").isEqualTo(151);
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

    private static long pgSum(String db, String project) throws SQLException {
        return count(DriverManager.getConnection(PG + db, "postgres", ""),
                "SELECT coalesce(sum(row_count), 0) FROM predictions WHERE project = '" + project + "'");
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
