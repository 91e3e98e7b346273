package io.driftwatch.store.embedded.duckdb;

import java.util.List;

/**
 * The tables of the embedded database (times are TIMESTAMP in UTC, µs precision), versioned by
 * {@link SchemaMigrations}: {@link #DDL} is the baseline (version 1, idempotent, run at every open), and every later
 * change is a numbered entry of {@link #MIGRATIONS}.
 */
final class Schema {
    static final List<String> DDL = List.of(
            "CREATE SEQUENCE IF NOT EXISTS row_seq",
            "CREATE TABLE IF NOT EXISTS projects (name VARCHAR PRIMARY KEY, created TIMESTAMP NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS models (project VARCHAR NOT NULL, name VARCHAR NOT NULL,
              version VARCHAR NOT NULL, framework VARCHAR, label_column VARCHAR, model_path VARCHAR,
              feature_names VARCHAR NOT NULL, label_names VARCHAR NOT NULL, feature_stats VARCHAR NOT NULL,
              created TIMESTAMP, seq BIGINT NOT NULL, PRIMARY KEY (project, name, version))""",
            """
            CREATE TABLE IF NOT EXISTS monitoring_settings (project VARCHAR PRIMARY KEY, enabled BOOLEAN NOT NULL,
              base_period VARCHAR NOT NULL, base_period_seconds DOUBLE NOT NULL, credentials VARCHAR NOT NULL,
              updated TIMESTAMP NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS applications (project VARCHAR NOT NULL, name VARCHAR NOT NULL,
              class_name VARCHAR NOT NULL, jar VARCHAR, params VARCHAR NOT NULL, created TIMESTAMP,
              PRIMARY KEY (project, name))""",
            """
            CREATE TABLE IF NOT EXISTS endpoints (project VARCHAR NOT NULL, uid VARCHAR NOT NULL, model VARCHAR,
              function_uri VARCHAR, function_tagged VARCHAR, function_name VARCHAR, labels VARCHAR NOT NULL,
              first_request TIMESTAMP, last_request TIMESTAMP, record VARCHAR NOT NULL, updated TIMESTAMP NOT NULL,
              PRIMARY KEY (project, uid))""",
            """
            CREATE TABLE IF NOT EXISTS monitoring_schedules (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
              application VARCHAR NOT NULL, last_analyzed TIMESTAMP NOT NULL, PRIMARY KEY (project, uid, application))""",
            """
            CREATE TABLE IF NOT EXISTS predictions (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
              time TIMESTAMP NOT NULL, latency_us BIGINT NOT NULL, rows INTEGER NOT NULL, custom_metrics VARCHAR)""",
            """
            CREATE TABLE IF NOT EXISTS errors (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
              time TIMESTAMP NOT NULL, kind VARCHAR, message VARCHAR)""",
            """
            CREATE TABLE IF NOT EXISTS app_results (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
              application VARCHAR NOT NULL, window_start TIMESTAMP NOT NULL, window_end TIMESTAMP NOT NULL,
              name VARCHAR NOT NULL, value DOUBLE, kind INTEGER NOT NULL, status INTEGER NOT NULL,
              extra_data VARCHAR, seq BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS app_metrics (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
              application VARCHAR NOT NULL, window_start TIMESTAMP NOT NULL, window_end TIMESTAMP NOT NULL,
              name VARCHAR NOT NULL, value DOUBLE, seq BIGINT NOT NULL)""",
            // added for late rows (issue 15): databases made before it get the column on open
            "ALTER TABLE monitoring_settings ADD COLUMN IF NOT EXISTS reanalyze_late BOOLEAN DEFAULT false",
            "CREATE TABLE IF NOT EXISTS processor_offset (id INTEGER PRIMARY KEY, next_offset BIGINT NOT NULL)",
            // its one row exists from the start, so the processor only updates it
            "INSERT INTO processor_offset SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM processor_offset)",
            """
            CREATE TABLE IF NOT EXISTS alert_configs (project VARCHAR NOT NULL, name VARCHAR NOT NULL,
              config VARCHAR NOT NULL, updated TIMESTAMP NOT NULL, PRIMARY KEY (project, name))""",
            """
            CREATE TABLE IF NOT EXISTS alert_activations (project VARCHAR NOT NULL, id VARCHAR NOT NULL,
              alert VARCHAR NOT NULL, time TIMESTAMP NOT NULL, active BOOLEAN NOT NULL, endpoints VARCHAR NOT NULL,
              activation VARCHAR NOT NULL, PRIMARY KEY (project, id))""",
            """
            CREATE TABLE IF NOT EXISTS access_keys (id VARCHAR PRIMARY KEY, project VARCHAR NOT NULL,
              role VARCHAR NOT NULL, hash VARCHAR NOT NULL, created TIMESTAMP NOT NULL)""",
            // the audit log of state-changing API calls (issue 18 pt 9); seq orders entries of equal time
            """
            CREATE TABLE IF NOT EXISTS audit_log (time TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, role VARCHAR,
              method VARCHAR NOT NULL, route VARCHAR NOT NULL, project VARCHAR, status INTEGER NOT NULL,
              remote VARCHAR NOT NULL, seq BIGINT NOT NULL)""");

    /**
     * The ordered changes after the baseline: versions 2, 3, … (append only; see {@link SchemaMigrations} for how to
     * add one).
     */
    static final List<SchemaMigrations.Migration> MIGRATIONS = List.of(
            // the next offset of each (stream, partition) of a partitioned stream (issue 16); the single partition of
            // the embedded log keeps its offset in processor_offset
            new SchemaMigrations.Migration(2, "per-partition stream offsets", List.of("""
                    CREATE TABLE IF NOT EXISTS stream_offsets (stream VARCHAR NOT NULL,
                      stream_partition INTEGER NOT NULL, next_offset BIGINT NOT NULL,
                      PRIMARY KEY (stream, stream_partition))""")),
            // ground-truth labels by prediction row (issue 20): upserted, read by the prediction's event time
            new SchemaMigrations.Migration(3, "ground-truth labels", List.of("""
                    CREATE TABLE IF NOT EXISTS labels (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
                      request_id VARCHAR NOT NULL, row_index INTEGER NOT NULL, prediction_time TIMESTAMP NOT NULL,
                      label VARCHAR NOT NULL, received_at TIMESTAMP NOT NULL,
                      PRIMARY KEY (project, uid, request_id, row_index))""")),
            // issue 17: per-window state in small rows by key. The writer records an analysed window's drift in
            // endpoint_drift (not in the endpoint's JSON record, which is no longer read and rewritten per window); a
            // record without a drift row keeps the drift of its JSON. The latest output per (endpoint, application,
            // name) is kept by key for the writer's replay check, the UI and /metrics (no window function over the
            // whole history), filled here from the history.
            new SchemaMigrations.Migration(4, "per-window state by key: endpoint drift rows, latest app outputs",
                    List.of("""
                    CREATE TABLE IF NOT EXISTS endpoint_drift (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
                      drift_status INTEGER, drift_measures VARCHAR NOT NULL, current_stats VARCHAR NOT NULL,
                      updated TIMESTAMP NOT NULL, PRIMARY KEY (project, uid))""", """
                    CREATE TABLE IF NOT EXISTS app_results_latest (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
                      application VARCHAR NOT NULL, name VARCHAR NOT NULL, window_start TIMESTAMP NOT NULL,
                      window_end TIMESTAMP NOT NULL, value DOUBLE, kind INTEGER NOT NULL, status INTEGER NOT NULL,
                      extra_data VARCHAR, PRIMARY KEY (project, uid, application, name))""", """
                    CREATE TABLE IF NOT EXISTS app_metrics_latest (project VARCHAR NOT NULL, uid VARCHAR NOT NULL,
                      application VARCHAR NOT NULL, name VARCHAR NOT NULL, window_start TIMESTAMP NOT NULL,
                      window_end TIMESTAMP NOT NULL, value DOUBLE, PRIMARY KEY (project, uid, application, name))""",
                    """
                    INSERT OR IGNORE INTO app_results_latest (project, uid, application, name, window_start,
                      window_end, value, kind, status, extra_data) SELECT project, uid, application, name, window_start,
                      window_end, value, kind, status, extra_data FROM app_results QUALIFY row_number() OVER
                      (PARTITION BY project, uid, application, name ORDER BY window_end DESC, seq DESC) = 1""", """
                    INSERT OR IGNORE INTO app_metrics_latest SELECT project, uid, application, name, window_start,
                      window_end, value FROM app_metrics QUALIFY row_number() OVER
                      (PARTITION BY project, uid, application, name ORDER BY window_end DESC, seq DESC) = 1""")),
            // issue 17: the controller plans from small columns beside the record instead of decoding every record's
            // JSON (its reference statistics are tens of KB) per run; reference_version (a content hash of labels,
            // spec and feature_stats, written with the record) lets it keep records it read while their reference
            // is unchanged. Rows of earlier versions get them from their JSON here (an md5 of those parts: any value
            // that changes with them serves).
            new SchemaMigrations.Migration(5, "small endpoint state columns for the controller", List.of(
                    "ALTER TABLE endpoints ADD COLUMN IF NOT EXISTS active BOOLEAN",
                    "ALTER TABLE endpoints ADD COLUMN IF NOT EXISTS monitoring_mode VARCHAR",
                    "ALTER TABLE endpoints ADD COLUMN IF NOT EXISTS pending_late BOOLEAN",
                    "ALTER TABLE endpoints ADD COLUMN IF NOT EXISTS reference_version VARCHAR",
                    """
                    UPDATE endpoints SET active = coalesce(json_extract(record, '$.spec.active')::BOOLEAN, true),
                      monitoring_mode = coalesce(json_extract_string(record, '$.spec.monitoring_mode'), 'disabled'),
                      pending_late = coalesce(json_array_length(json_extract(record, '$.status.pending_late')), 0) > 0,
                      reference_version = md5(coalesce(json_extract(record, '$.metadata.labels')::VARCHAR, '') || '|'
                        || coalesce(json_extract(record, '$.spec')::VARCHAR, '') || '|'
                        || coalesce(json_extract(record, '$.status.feature_stats')::VARCHAR, ''))
                      WHERE reference_version IS NULL""")),
            // issue 17: a window's statistics stored once. A latest result with a large extra_data references its
            // history row (extra_seq) instead of copying it; a drift row whose statistics are that result's
            // current_stats references it (stats_seq) instead of copying them (HistoryExtra). Rows written before
            // keep their copies.
            new SchemaMigrations.Migration(6, "large extra_data and current statistics kept once, in the history",
                    List.of("ALTER TABLE app_results_latest ADD COLUMN IF NOT EXISTS extra_seq BIGINT",
                            "ALTER TABLE endpoint_drift ADD COLUMN IF NOT EXISTS stats_seq BIGINT",
                            "ALTER TABLE endpoint_drift ALTER COLUMN current_stats DROP NOT NULL")),
            // an endpoint's reference statistics (~23 KB, the same for every endpoint of a model version) stored once
            // per distinct content, by hex SHA-256 (ReferenceStats): a batch read of records no longer reads and
            // parses them per endpoint. Rows written before keep them inside the record (stats_hash NULL) until
            // their next write: no backfill.
            new SchemaMigrations.Migration(7, "reference statistics stored once per distinct content", List.of(
                    "CREATE TABLE IF NOT EXISTS reference_stats (hash VARCHAR PRIMARY KEY, stats VARCHAR NOT NULL)",
                    "ALTER TABLE endpoints ADD COLUMN IF NOT EXISTS stats_hash VARCHAR")));

    private Schema() {
    }
}
