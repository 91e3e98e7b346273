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
 * Per-project credentials with a Kafka {@code stream_path} (issue 16.6): a server on the embedded defaults; projects
 * whose credentials name the test broker (testkit {@link KafkaBroker}) and a fresh PostgreSQL database gets its
 * topic at enable-monitoring, its events through Kafka (none in the embedded log), processed once by its own
 * processor into PostgreSQL, and a drift result after a controller run. Two such projects on the same broker with
 * different databases: each project's events are processed by its own set's processor only (consumer group per
 * credential set, partitions of projects routed elsewhere skipped), so each database holds its project's 151
 * predictions and none of the other's.
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
    void projectsWhoseStreamPathNamesOneBrokerAreEachProcessedIntoTheirOwnDatabase() throws Exception {
        List<String> projects = List.of(K + "a", K + "b");
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Http http = new Http(server.port());
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            Instant closeAt = t0.plusSeconds(200);
            for (int i = 0; i < 2; i++) {
                String p = projects.get(i);
                String db = databases.get(i);
                client.createProject(p);
                Http.Response set = http.post(credentials(p) + "?stream_path=" + KafkaBroker.shared().streamPath()
                        + "&endpoint_store_connection=" + pgUrl(db) + "&tsdb_connection=" + pgUrl(db), "");
                assertThat(set.status()).as(set.body()).isEqualTo(200);
                assertThat(set.body()).doesNotContain("secret-pw");
                client.logModel(p, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
                client.enableMonitoring(p, "1m", true);
            }
            for (String p : projects) {
                assertThat(client.ingest(p, events(p, t0, closeAt)).path("accepted").asInt()).isEqualTo(151);
            }
            for (String p : projects) {
                String uid = EndpointId.of(p, p + "/serving", MODEL, null);
                await(p + "'s processor applied its events from Kafka").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100)).until(() -> lastRequest(client, p, uid)
                                .equals(closeAt.toString()));
                client.runController(p);
                JsonNode values = client.metricsValues(p, uid, List.of(p
                        + ".histogram-data-drift.result.general_drift"), null, null).get(0).path("values");
                assertThat(values).as(p + ": one drift result, for the window [t0, t0+1m)").hasSize(1);
            }
            assertThat(server.stream().endOffset()).as("nothing in the embedded log").isZero();
            for (int i = 0; i < 2; i++) {
                assertThat(pgSum(databases.get(i), projects.get(i))).as("151 predictions, once, in its database")
                        .isEqualTo(151);
                assertThat(pgSum(databases.get(1 - i), projects.get(i))).as("none in the other's").isZero();
            }
        }
    }

    /**
     * A project whose {@code stream_path} names a topic prefix ({@code kafka://host:port?topic_prefix=…}) gets its
     * topic {@code {prefix}{project}} on that broker (no {@code monitoring_stream_{project}}), its events processed
     * from there into its database once, and after a restart of the server the processor resumes at the offset
     * stored with the effects: a second ingest adds its rows, nothing of the first is counted again.
     */
    @Test
    void aStreamPathWithATopicPrefixGetsItsTopicUnderThatPrefixAndExactlyOnceEffects() throws Exception {
        String p = K + "pfx";
        String prefix = "team_" + K + "_";
        String db = databases.getFirst();
        String uid = EndpointId.of(p, p + "/serving", MODEL, null);
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        Instant closeAt = t0.plusSeconds(200);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            client.createProject(p);
            Http.Response set = new Http(server.port()).post(credentials(p) + "?stream_path="
                    + java.net.URLEncoder.encode(KafkaBroker.shared().streamPath() + "?topic_prefix=" + prefix,
                    java.nio.charset.StandardCharsets.UTF_8) + "&endpoint_store_connection="
                    + pgUrl(db) + "&tsdb_connection=" + pgUrl(db), "");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            client.logModel(p, MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
            client.enableMonitoring(p, "1m", true);
            assertThat(client.ingest(p, events(p, t0, closeAt)).path("accepted").asInt()).isEqualTo(151);
            await("applied from " + prefix + p).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lastRequest(client, p, uid).equals(closeAt.toString()));
            assertThat(pgSum(db, p)).isEqualTo(151);
        }
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers",
                KafkaBroker.shared().bootstrap()))) {
            var topics = admin.listTopics().names().get();
            assertThat(topics).contains(prefix + p).doesNotContain("monitoring_stream_" + p);
        }
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            Instant later = closeAt.plusSeconds(1);
            assertThat(client.ingest(p, List.of(event(p, new double[] {5.1, 3.5, 1.4, 0.2, 0}, later, "again")))
                    .path("accepted").asInt()).isEqualTo(1);
            await("applied after the restart").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lastRequest(client, p, uid).equals(later.toString()));
            client.runController(p);
            JsonNode values = client.metricsValues(p, uid, List.of(p + ".histogram-data-drift.result.general_drift"),
                    null, null).get(0).path("values");
            assertThat(values).as("one drift result, for the window [t0, t0+1m)").hasSize(1);
        }
        assertThat(pgSum(db, p)).as("151 + 1 predictions, none replayed twice").isEqualTo(152);
    }

    /**
     * Two Driftwatch deployments on one broker, each with {@code --stream-path kafka://…} (the default prefix, the
     * same group {@code driftwatch-processor}) and its own embedded stores: each processor subscribes only the topics
     * of the projects its server knows, so each project's events land once, in its own deployment's store, and never
     * in the other's.
     */
    @Test
    void twoDeploymentsOnOneBrokerEachProcessOnlyTheirOwnProjects() throws Exception {
        List<String> projects = List.of(K + "x", K + "y");
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        Instant closeAt = t0.plusSeconds(200);
        List<Server> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                servers.add(Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("d" + i))
                        .withBackend(io.driftwatch.engine.backend.BackendKind.STREAM,
                                KafkaBroker.shared().streamPath())));
                DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + servers.get(i).port());
                client.createProject(projects.get(i));
                client.logModel(projects.get(i), MODEL, null, "sklearn", "label", null, IrisTutorialIT.csv());
                client.enableMonitoring(projects.get(i), "1m", true);
            }
            for (int i = 0; i < 2; i++) {
                String p = projects.get(i);
                DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + servers.get(i).port());
                assertThat(client.ingest(p, events(p, t0, closeAt)).path("accepted").asInt()).isEqualTo(151);
            }
            for (int i = 0; i < 2; i++) {
                String p = projects.get(i);
                DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + servers.get(i).port());
                await(p + " applied by its own deployment").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> lastRequest(client, p, EndpointId.of(p, p + "/serving", MODEL, null))
                                .equals(closeAt.toString()));
            }
            Thread.sleep(3000); // would the other deployment apply them too?
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    long rows = rows(servers.get(i), projects.get(j), t0, closeAt);
                    assertThat(rows).as("deployment " + i + " holds " + projects.get(j)).isEqualTo(i == j ? 151 : 0);
                }
            }
        } finally {
            servers.forEach(Server::close);
        }
    }

    private static long rows(Server server, String project, Instant t0, Instant closeAt) {
        String uid = EndpointId.of(project, project + "/serving", MODEL, null);
        return server.backend().timeSeries().predictions(project, uid, t0.minusSeconds(1), closeAt.plusSeconds(1))
                .stream().mapToLong(x -> x.rows()).sum();
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
