#!/bin/sh
# The query plans of docs/sql-stores.md: a scratch database with the V1 schema, 10^6 predictions (100 endpoints,
# 10 days = 10 daily partitions), 10^5 errors, 432,000 app results (100 endpoints x 10 days x 144 windows x 3 names),
# 1,000 endpoints; migration V2 applied on top; then EXPLAIN (ANALYZE, BUFFERS) of the UI's and Grafana's queries. The database is dropped at the end.
# Usage: store-sql/explain/explain-postgresql.sh   (PostgreSQL at 127.0.0.1:5432, user postgres)
set -eu
DB=dw_explain_$$
PSQL="psql -X -q -h 127.0.0.1 -U postgres"
HERE=$(dirname "$0")
$PSQL -c "CREATE DATABASE $DB"
trap '$PSQL -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT
$PSQL -d $DB -f "$HERE/../src/main/resources/db/migration/postgresql/V1__schema.sql"
$PSQL -d $DB <<'SQL'
DO $$ BEGIN
  FOR d IN 0..9 LOOP
    EXECUTE format('CREATE TABLE predictions_p%s PARTITION OF predictions FOR VALUES FROM (%L) TO (%L)',
      to_char(date '2030-01-01' + d, 'YYYYMMDD'), (date '2030-01-01' + d)::text || ' 00:00:00+00',
      (date '2030-01-01' + d + 1)::text || ' 00:00:00+00');
    EXECUTE format('CREATE TABLE errors_p%s PARTITION OF errors FOR VALUES FROM (%L) TO (%L)',
      to_char(date '2030-01-01' + d, 'YYYYMMDD'), (date '2030-01-01' + d)::text || ' 00:00:00+00',
      (date '2030-01-01' + d + 1)::text || ' 00:00:00+00');
  END LOOP;
END $$;
INSERT INTO predictions (project, uid, time, latency_us, row_count, custom_metrics)
  SELECT 'bench', 'e' || lpad((g % 100)::text, 3, '0'), timestamptz '2030-01-01 00:00:00+00' + g * interval '864 milliseconds',
         (random() * 10000)::bigint, 1, NULL FROM generate_series(0, 999999) g;
INSERT INTO errors (project, uid, time, kind, message)
  SELECT 'bench', 'e' || lpad((g % 100)::text, 3, '0'), timestamptz '2030-01-01 00:00:00+00' + g * interval '8640 milliseconds',
         'model_error', 'boom' FROM generate_series(0, 99999) g;
INSERT INTO app_results (project, uid, application, window_start, window_end, name, value, kind, status, extra_data)
  SELECT 'bench', 'e' || lpad(e::text, 3, '0'), 'histogram-data-drift',
         timestamptz '2030-01-01 00:00:00+00' + w * interval '10 minutes',
         timestamptz '2030-01-01 00:00:00+00' + (w + 1) * interval '10 minutes', n, random(), 0, 0, '{}'
  FROM generate_series(0, 99) e, generate_series(0, 1439) w, unnest(array['general_drift', 'tvd_mean', 'hellinger_mean']) n;
INSERT INTO endpoints SELECT 'bench', 'e' || lpad(g::text, 3, '0'), 'm' || (g % 10), 'bench/serving', 'serving', 'serving', '{}',
  now(), now(), 0, 0, '[]', '{}', '{}', repeat('x', 20000), now() FROM generate_series(0, 999) g;
INSERT INTO endpoint_drift SELECT project, uid, 0, '{}', repeat('y', 20000), now() FROM endpoints;
SQL
echo "-- migration V2 (fills the latest tables from 432,000 app results):"
/usr/bin/time -f "%e s" $PSQL -d $DB -f "$HERE/../src/main/resources/db/migration/postgresql/V2__latest_app_outputs.sql"
$PSQL -d $DB -c "ANALYZE"
explain() {
  echo "-- $1"; echo "$2;"
  $PSQL -d $DB -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) $2"
}
explain "predictions of one endpoint, one hour (UI charts, Grafana latency/throughput)" \
  "SELECT project, uid, time, latency_us, row_count, custom_metrics FROM predictions WHERE project = 'bench' AND uid = 'e042' AND time >= '2030-01-05 10:00:00+00' AND time < '2030-01-05 11:00:00+00' ORDER BY time, seq"
explain "predictions of one endpoint, 24 hours over a day boundary" \
  "SELECT project, uid, time, latency_us, row_count, custom_metrics FROM predictions WHERE project = 'bench' AND uid = 'e042' AND time >= '2030-01-05 12:00:00+00' AND time < '2030-01-06 12:00:00+00' ORDER BY time, seq"
explain "errors of one endpoint, one day (Grafana error panel)" \
  "SELECT project, uid, time, kind, message FROM errors WHERE project = 'bench' AND uid = 'e042' AND time >= '2030-01-05 00:00:00+00' AND time < '2030-01-06 00:00:00+00' ORDER BY time, seq"
explain "latest result per (application, name) of one endpoint (UI overview, /metrics gauges)" \
  "SELECT project, uid, application, window_start, window_end, name, value, kind, status, extra_data FROM app_results_latest WHERE project = 'bench' AND uid = 'e042' ORDER BY application, name"
$PSQL -d $DB -c "DROP TABLE predictions_p20300101, predictions_p20300102"
explain "retention: the rows of the cutoff's day (after its older days' partitions were dropped)" \
  "DELETE FROM predictions WHERE time < '2030-01-03 06:00:00+00'"
explain "current app results of one endpoint, one day (UI results page, Grafana drift panel)" \
  "SELECT project, uid, application, window_start, window_end, name, value, kind, status, extra_data FROM (SELECT project, uid, application, window_start, window_end, name, value, kind, status, extra_data, seq, row_number() OVER (PARTITION BY application, name, window_start ORDER BY seq DESC) AS rn FROM app_results WHERE project = 'bench' AND uid = 'e042' AND window_end >= '2030-01-05 00:00:00+00' AND window_end < '2030-01-06 00:00:00+00') v WHERE rn = 1 ORDER BY window_end, seq"
explain "one endpoint record (API get, writer's update after SELECT ... FOR UPDATE)" \
  "SELECT e.project, e.uid, e.labels, e.first_request, e.last_request, e.error_count, e.late_rows, e.pending_late, e.metrics, e.spec, e.feature_stats, d.drift_status, d.drift_measures, d.current_stats FROM endpoints e LEFT JOIN endpoint_drift d ON d.project = e.project AND d.uid = e.uid WHERE e.project = 'bench' AND e.uid = 'e042'"
explain "a window's drift written by primary key" \
  "UPDATE endpoint_drift SET drift_status = 2, drift_measures = '{}', updated = now() WHERE project = 'bench' AND uid = 'e042'"
explain "endpoints of a project filtered by model (list_model_endpoints)" \
  "SELECT e.project, e.uid FROM endpoints e LEFT JOIN endpoint_drift d ON d.project = e.project AND d.uid = e.uid WHERE e.project = 'bench' AND e.model = 'm3' ORDER BY e.uid"
