package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SQL dashboards ({@code dashboards/grafana/modern/postgres.json} and {@code mysql.json}): every panel and
 * variable query, with Grafana's macros expanded, runs on the real PostgreSQL (127.0.0.1:5432, user postgres) and
 * MariaDB (127.0.0.1:3306, root) of this machine against the SQL store's tables and answers rows, through
 * {@code dashboards/grafana/tools/check_sql_dashboards.py} (psql and mysql clients).
 */
class GrafanaSqlDashboardsIT {
    @Test
    void everySqlDashboardQueryRunsOnRealPostgresqlAndMariadb() throws Exception {
        Path script = GrafanaDashboardsIT.grafanaDir().resolve("tools/check_sql_dashboards.py");
        Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("16 passed, 0 failed");
    }
}
