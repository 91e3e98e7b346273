package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.server.http.Json;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL dashboards ({@code dashboards/grafana/modern/postgres.json} and {@code mysql.json}) on the SQL store's own
 * schema: a server runs with its endpoint store and time-series store on a fresh database of the machine's real
 * PostgreSQL and MariaDB (tables made by the store's Flyway migrations), is filled through the pipeline
 * ({@link MonitoredServer}), then every panel and variable query of the dashboard runs on that database with
 * Grafana's macros expanded as Grafana's SQL datasources expand them (MySQL: session time zone UTC, Grafana's
 * default) and answers what the server says: every prediction row, the row-weighted latency, every error, every
 * app result and the model-performance values of the REST API.
 */
class GrafanaSqlStoreDashboardsIT {
    /** Grafana's $__interval in this test: 1 minute. */
    private static final int STEP = 60;

    enum Db {
        POSTGRES("postgres", "jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgresql://postgres@127.0.0.1:5432/"),
        MARIADB("mysql", "jdbc:mariadb://127.0.0.1:3306/", "root", "mysql://root@127.0.0.1:3306/");

        final String dashboard;
        final String jdbc;
        final String user;
        final String store;

        Db(String dashboard, String jdbc, String user, String store) {
            this.dashboard = dashboard;
            this.jdbc = jdbc;
            this.user = user;
            this.store = store;
        }

        boolean pg() {
            return this == POSTGRES;
        }

        Connection connect(String db) throws SQLException {
            Connection c = DriverManager.getConnection(jdbc + db, user, "");
            if (!pg()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'"); // Grafana's MySQL datasource: session time zone UTC
                }
            }
            return c;
        }

        void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbc + (pg() ? "postgres" : ""), user, "");
                 Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** One answer row: the column values by label. */
    private record Row(Map<String, Object> cols) {
        double num(String col) {
            return ((Number) cols.get(col)).doubleValue();
        }

        String text(String col) {
            return String.valueOf(cols.get(col));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void everyPanelQueryOnTheStoresOwnTablesAnswersWhatTheServerSays(Db db, @TempDir Path dir) throws Exception {
        String name = "dw_grafana_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        db.admin("CREATE DATABASE " + name);
        try (MonitoredServer server = MonitoredServer.start(dir, c -> c
                .withBackend(BackendKind.ENDPOINT_STORE, db.store + name).withBackend(BackendKind.TSDB, db.store + name));
             Connection c = db.connect(name)) {
            Map<String, List<Row>> answers = runAll(db, c, Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().plus(Duration.ofMinutes(1)));
            assertThat(answers).hasSize(8);
            checkVariables(answers);
            checkOperations(server, answers);
            checkResults(server, answers);
        } finally {
            db.admin("DROP DATABASE IF EXISTS " + name + (db.pg() ? " WITH (FORCE)" : ""));
        }
    }

    /** Every panel and variable query of the dashboard, by panel title (variables as "var project" …). */
    private static Map<String, List<Row>> runAll(Db db, Connection c, Instant from, Instant to) throws Exception {
        JsonNode d = Json.MAPPER.readTree(GrafanaDashboardsIT.grafanaDir().resolve("modern/" + db.dashboard + ".json").toFile());
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (JsonNode p : d.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                out.put(p.path("title").asText(), query(c, expand(t.path("rawSql").asText(), db, from, to)));
            }
        }
        for (JsonNode v : d.path("templating").path("list")) {
            out.put("var " + v.path("name").asText(), query(c, expand(v.path("query").asText(), db, from, to)));
        }
        return out;
    }

    /** Grafana's SQL macros as its PostgreSQL and MySQL datasources expand them, for a 1-minute interval. */
    static String expand(String sql, Db db, Instant from, Instant to) {
        String group = db.pg() ? "floor(extract(epoch from time)/" + STEP + ")*" + STEP + " AS \"time\""
                : "UNIX_TIMESTAMP(time) DIV " + STEP + " * " + STEP + " AS \"time\"";
        String out = sql.replace("$__timeGroupAlias(time, $__interval)", group);
        for (String col : List.of("time", "window_end")) {
            String filter = db.pg()
                    ? col + " BETWEEN '" + from.truncatedTo(ChronoUnit.SECONDS) + "' AND '" + to.truncatedTo(ChronoUnit.SECONDS) + "'"
                    : col + " BETWEEN FROM_UNIXTIME(" + from.getEpochSecond() + ") AND FROM_UNIXTIME(" + to.getEpochSecond() + ")";
            out = out.replace("$__timeFilter(" + col + ")", filter);
        }
        out = out.replace("$__interval_ms", String.valueOf(STEP * 1000)).replace("$project", MonitoredServer.PROJECT)
                .replace("$endpoint", "'" + MonitoredServer.UID + "'");
        assertThat(out).as("every macro and variable expanded").doesNotContain("$");
        return out;
    }

    private static List<Row> query(Connection c, String sql) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, Object> cols = new HashMap<>();
                for (int i = 1; i <= n; i++) {
                    cols.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                rows.add(new Row(cols));
            }
        }
        return rows;
    }

    private static void checkVariables(Map<String, List<Row>> answers) {
        assertThat(answers.get("var project")).extracting(r -> r.text("name")).contains(MonitoredServer.PROJECT);
        assertThat(answers.get("var endpoint")).extracting(r -> r.text("uid")).containsExactly(MonitoredServer.UID);
    }

    /** Predictions/s × interval = every row; the row-weighted latency per bucket recombines to the sent events'. */
    private static void checkOperations(MonitoredServer server, Map<String, List<Row>> answers) {
        Map<String, Double> rowsAt = new HashMap<>();
        double rows = 0;
        for (Row r : answers.get("Predictions/s")) {
            assertThat(r.text("metric")).isEqualTo(MonitoredServer.UID);
            rowsAt.put(r.text("time"), r.num("value") * STEP);
            rows += r.num("value") * STEP;
        }
        assertThat(rows).isCloseTo(server.predictionRows, within(1e-6));
        double weighted = 0;
        for (Row r : answers.get("Mean latency (row-weighted)")) {
            weighted += r.num("value") * rowsAt.get(r.text("time"));
        }
        assertThat(weighted).as("Σ latency × rows").isCloseTo(server.latencyRowMicros, within(1e-3 * server.predictionRows));
        JsonNode ops = server.client.get("/projects/" + MonitoredServer.PROJECT + "/ui/endpoints/" + MonitoredServer.UID
                + "/operations?start=now-1h");
        assertThat(ops.path("totals").path("latency_avg").asDouble())
                .isCloseTo(weighted / rows, within(1e-3));
        double errors = answers.get("Errors").stream().mapToDouble(r -> r.num("value")).sum();
        assertThat(errors).isEqualTo(MonitoredServer.ERRORS).isEqualTo(ops.path("totals").path("errors").asDouble());
    }

    /** The result panels hold exactly the REST API's result values (and the performance panel its two metrics). */
    private static void checkResults(MonitoredServer server, Map<String, List<Row>> answers) {
        Map<String, List<Double>> rest = new LinkedHashMap<>();
        List<String> names = server.client.metrics(MonitoredServer.PROJECT, MonitoredServer.UID, "results")
                .findValuesAsText("full_name");
        JsonNode values = server.client.metricsValues(MonitoredServer.PROJECT, MonitoredServer.UID, names, "now-1h", null);
        for (JsonNode s : values) {
            String[] part = s.path("full_name").asText().split("\\.");
            List<Double> v = new ArrayList<>();
            s.path("values").forEach(x -> v.add(x.get(1).asDouble()));
            rest.put(part[1] + "." + part[3] + " " + MonitoredServer.UID, v);
        }
        Map<String, List<Double>> panel = series(answers.get("App result values"));
        assertThat(panel).isEqualTo(rest);
        int all = rest.values().stream().mapToInt(List::size).sum();
        assertThat(answers.get("App results per window")).hasSize(Math.min(500, all));
        Map<String, List<Double>> perf = series(answers.get("Model performance: accuracy realized vs estimated"));
        assertThat(perf.keySet()).containsExactlyInAnyOrder("model-performance.accuracy " + MonitoredServer.UID,
                "model-performance.estimated_accuracy " + MonitoredServer.UID);
        perf.forEach((k, v) -> assertThat(v).as(k).isEqualTo(rest.get(k)).isNotEmpty());
    }

    private static Map<String, List<Double>> series(List<Row> rows) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.computeIfAbsent(r.text("metric"), k -> new ArrayList<>()).add(r.cols().get("value") == null ? null : r.num("value"));
        }
        return out;
    }
}
