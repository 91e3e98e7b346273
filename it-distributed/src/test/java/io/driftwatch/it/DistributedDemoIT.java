package io.driftwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.cli.Main;
import io.driftwatch.client.DriftwatchClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 16's "done when": {@code driftwatch serve --stream-path kafka://… --endpoint-store-connection X
 * --tsdb-connection X --parquet-path s3://… --s3-endpoint …} (a child process) followed by {@code driftwatch demo
 * --server URL} runs the README's demo flow (log model, serving with tracking, controller, drift result, UI, Grafana
 * routes, data route) with X = PostgreSQL and X = MariaDB; the data is in the external parts — rows in the
 * database's tables, Parquet objects in the bucket, the 301 events in {@code monitoring_stream_iris-demo} — and no
 * sample or time series in the data directory.
 */
@ExtendWith(Parts.Fixture.class)
class DistributedDemoIT {
    private static final String P = "iris-demo";
    private static final String UID = EndpointId.of(P, P + "/iris-serving", "iris", null);
    private static final String TOPIC = "monitoring_stream_" + P;
    @TempDir
    Path dir;

    @Test
    void demoFlowOnKafkaPostgresqlAndS3() throws Exception {
        Parts parts = Parts.get();
        demo(parts, parts.postgres, "demo-pg");
    }

    @Test
    void demoFlowOnKafkaMariadbAndS3() throws Exception {
        Parts parts = Parts.get();
        demo(parts, parts.mariadb, "demo-my");
    }

    private void demo(Parts parts, Parts.Db db, String prefix) throws Exception {
        External.deleteTopic(parts, TOPIC); // the other database's run used the same project on the shared broker
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(parts, ServerProcess.flags(parts, db, prefix, data),
                dir.resolve("serve.log"))) {
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            int exit = cli.execute("demo", "--server", server.url(), "--base-period", "10", "--grace", "1");
            assertThat(exit).as("demo output:\n%s\nserver log:\n%s", out, server.tail()).isZero();
            System.out.println(out);
            assertThat(out.toString()).contains("against the running server " + server.url(), "Demo finished");

            assertDriftResults(server.url());
            assertRangeDrift(server.url());
            assertRoutes(server.url());
            assertExternal(parts, db, prefix, server.url());
            // s3-cache/ is the S3 sample store's local read cache (a copy of objects in the bucket); the model files
            // of log_model stay under projects/ (the model registry's files are not a port of issue 16)
            assertThat(External.localFiles(data)).as("files in the data dir")
                    .noneMatch(f -> f.endsWith(".parquet") && !f.startsWith("s3-cache/"))
                    .noneMatch(f -> f.startsWith("stream") || f.endsWith(".duckdb") || f.endsWith(".wal"));
        } finally {
            External.deleteTopic(parts, TOPIC);
        }
    }

    private static void assertDriftResults(String url) {
        DriftwatchClient c = DriftwatchClient.connect(url);
        JsonNode v = c.metricsValues(P, UID, List.of(P + ".histogram-data-drift.result.general_drift"), null, null)
                .get(0).path("values");
        assertThat(v.size()).as("general_drift windows: %s", v).isGreaterThanOrEqualTo(2);
        assertThat(v.get(0).get(1).asDouble()).as("window 1 (drifted inputs) of %s", v).isCloseTo(0.91, within(0.05));
        assertThat(v.get(0).get(2).asInt()).as("window 1 status").isEqualTo(2);
        assertThat(v.get(1).get(2).asInt()).as("window 2 status (iris rows)").isNotEqualTo(2);
    }

    /** Drift over a range from the S3 summary objects (issue 17 pt 3): the last 7 days' cells hold every demo row. */
    private static void assertRangeDrift(String url) {
        JsonNode d = DriftwatchClient.connect(url).drift(P, UID, null, null, null);
        assertThat(d.path("rows").asLong()).as("range drift rows: %s", d).isEqualTo(301);
        assertThat(d.path("cells").asInt()).as("range drift cells").isGreaterThanOrEqualTo(2);
        assertThat(d.path("general_drift").isNumber()).as("general_drift of %s", d).isTrue();
    }

    private static void assertRoutes(String url) throws Exception {
        assertThat(External.get(url + "/").statusCode()).as("UI /").isEqualTo(200);
        String g = url + "/api/v1/grafana-proxy/model-endpoints";
        assertThat(External.get(g).statusCode()).isEqualTo(200);
        var search = External.post(g + "/search", "{\"target\":\"target_endpoint=list_endpoints;project=" + P + "\"}");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains(UID);
        var query = External.post(g + "/query", "{\"range\":{\"from\":\"2020-01-01T00:00:00Z\",\"to\":"
                + "\"2100-01-01T00:00:00Z\"},\"targets\":[{\"target\":\"target_endpoint=result_summary;project=" + P
                + "\",\"type\":\"table\"}]}");
        assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
        assertThat(query.body()).contains("general_drift");
        Map<String, Integer> rows = External.dataRows(url, P, UID);
        assertThat(rows.values().stream().mapToInt(Integer::intValue).sum()).as("rows through the data route")
                .isEqualTo(301);
    }

    private static void assertExternal(Parts parts, Parts.Db db, String prefix, String url) throws Exception {
        assertThat(db.count("SELECT count(*) FROM predictions WHERE project = ?", P)).as("predictions rows")
                .isEqualTo(301);
        assertThat(db.count("SELECT count(*) FROM endpoints WHERE project = ?", P)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM app_results WHERE project = ? AND name = 'general_drift'", P))
                .isGreaterThanOrEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM (SELECT uid, application, name, window_end, count(*) AS n FROM "
                + "app_results WHERE project = ? GROUP BY uid, application, name, window_end HAVING count(*) > 1) d",
                P)).as("windows analysed twice").isZero();
        assertThat(parts.s3.objects(prefix + "/")).as("objects under s3://%s/%s/", S3.BUCKET, prefix)
                .anyMatch(o -> o.key().endsWith(".parquet"));
        assertThat(External.topicRecords(parts, TOPIC)).as("records in " + TOPIC).isEqualTo(301);
    }
}
