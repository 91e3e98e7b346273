#!/usr/bin/env python3
"""Writes the Driftwatch dashboards for Grafana's maintained datasources (../modern/*.json). Edit here, run, commit.

No Angular plugin anywhere (Grafana 11+ has Angular off):
  prometheus.json  built-in Prometheus datasource (uid driftwatch-prometheus) over Driftwatch's /metrics
  postgres.json    built-in PostgreSQL datasource (uid driftwatch-postgres) over the SQL store's tables
  mysql.json       built-in MySQL datasource (uid driftwatch-mysql), same tables (MySQL/MariaDB)
  infinity.json    Infinity datasource (yesoreyeram-infinity-datasource, uid driftwatch-infinity): JSON over HTTP
                   from Driftwatch's REST API, for the embedded default store
The SQL names (tables predictions, errors, app_results, endpoints; columns in docs/observability.md) are the SQL
store's schema version 1.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "modern")
PROM = {"type": "prometheus", "uid": "driftwatch-prometheus"}
PG = {"type": "grafana-postgresql-datasource", "uid": "driftwatch-postgres"}
MY = {"type": "mysql", "uid": "driftwatch-mysql"}
INF = {"type": "yesoreyeram-infinity-datasource", "uid": "driftwatch-infinity"}
STATUS = [{"type": "value", "options": {
    "-1": {"text": "irrelevant", "color": "text", "index": 0}, "0": {"text": "no drift", "color": "green", "index": 1},
    "1": {"text": "possible drift", "color": "yellow", "index": 2},
    "2": {"text": "drift detected", "color": "red", "index": 3}}}]
DRIFT_THRESHOLDS = {"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "yellow", "value": 0.5},
                                                  {"color": "red", "value": 0.7}]}


def panel(pid, ptype, title, pos, ds, targets, unit=None, options=None, defaults=None, description=None):
    d = dict(defaults or {})
    if unit:
        d["unit"] = unit
    p = {"id": pid, "type": ptype, "title": title, "datasource": ds,
         "gridPos": {"x": pos[0], "y": pos[1], "w": pos[2], "h": pos[3]},
         "targets": [dict(t, refId=chr(ord("A") + i), datasource=ds) for i, t in enumerate(targets)],
         "options": options or {}, "fieldConfig": {"defaults": d, "overrides": []}}
    if description:
        p["description"] = description
    return p


def legend():
    return {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "none"}}


def stat_options():
    return {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}, "colorMode": "value",
            "graphMode": "area", "textMode": "value"}


def gauge_options():
    return {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
            "showThresholdLabels": False, "showThresholdMarkers": True}


def dashboard(uid, title, description, variables, panels, time_from="now-6h"):
    return {"uid": uid, "title": title, "description": description,
            "tags": ["driftwatch", "model-monitoring"], "schemaVersion": 42, "version": 1, "editable": True,
            "graphTooltip": 1, "timezone": "browser", "refresh": "30s", "time": {"from": time_from, "to": "now"},
            "timepicker": {"refresh_intervals": ["10s", "30s", "1m", "5m"]}, "fiscalYearStartMonth": 0,
            "liveNow": False, "links": [], "annotations": {"list": []}, "templating": {"list": variables},
            "panels": panels}


def variable(name, label, ds, query, include_all=False):
    v = {"name": name, "label": label, "type": "query", "datasource": ds, "query": query, "refresh": 2, "sort": 1,
         "hide": 0, "multi": False, "includeAll": include_all, "options": [], "current": {"text": "", "value": ""}}
    if include_all:
        v["allValue"] = ".*"
    return v


# ---- Prometheus: every expression names only metrics /metrics exports (checked by GrafanaModernDashboardsIT)
SEL = 'project="$project", endpoint_id=~"$endpoint"'


def prom(expr, legend_format=None):
    t = {"expr": expr, "range": True, "instant": False, "editorMode": "code"}
    if legend_format:
        t["legendFormat"] = legend_format
    return t


def quantile(q):
    return prom('histogram_quantile(%s, sum by (le) (rate(driftwatch_prediction_latency_seconds_bucket{%s}[$__rate_interval])))'
                % (q, SEL), "p%d" % round(float(q) * 100))


PERCENT = {"min": 0, "max": 1}
BAND = [{"matcher": {"id": "byRegexp", "options": "/^band/"},
         "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [6, 4]}},
                        {"id": "custom.lineWidth", "value": 1}]},
        {"matcher": {"id": "byRegexp", "options": "/^estimated/"},
         "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [10, 4]}}]}]


def performance_panels():
    """Model performance (issue 20): the gauges of the model-performance app (docs/observability.md)."""
    acc = SEL + ', metric="accuracy"'
    series = panel(14, "timeseries", "Accuracy: realized vs estimated (CBPE band)", (0, 44, 16, 8), PROM,
                   [prom('max by (endpoint_id) (driftwatch_performance_realized{%s})' % acc, "realized {{endpoint_id}}"),
                    prom('max by (endpoint_id) (driftwatch_performance_estimated{%s})' % acc, "estimated {{endpoint_id}}"),
                    prom('max by (endpoint_id) (driftwatch_performance_estimated_lower{%s})' % acc,
                         "band lower {{endpoint_id}}"),
                    prom('max by (endpoint_id) (driftwatch_performance_estimated_upper{%s})' % acc,
                         "band upper {{endpoint_id}}")], "percentunit", legend(), PERCENT,
                   "Realized = from labels (newest labelled window); estimated = CBPE without labels, its band dashed")
    series["fieldConfig"]["overrides"] = BAND
    return [
        panel(12, "stat", "Accuracy (realized, newest labelled window)", (0, 40, 8, 4), PROM,
              [dict(prom('max by (endpoint_id) (driftwatch_performance_realized{%s})' % acc, "{{endpoint_id}}"),
                    instant=True, range=False)], "percentunit", stat_options(), PERCENT,
              "model-performance's accuracy on the labelled rows of the newest window that had labels"),
        panel(13, "stat", "Label coverage (newest window)", (8, 40, 8, 4), PROM,
              [dict(prom('max by (endpoint_id) (driftwatch_label_coverage{%s})' % SEL, "{{endpoint_id}}"),
                    instant=True, range=False)], "percentunit", stat_options(), PERCENT,
              "Share of the newest analysed window's predictions that have a label"),
        panel(15, "stat", "Accuracy (estimated, newest window)", (16, 40, 8, 4), PROM,
              [dict(prom('max by (endpoint_id) (driftwatch_performance_estimated{%s})' % acc, "{{endpoint_id}}"),
                    instant=True, range=False)], "percentunit", stat_options(), PERCENT,
              "CBPE estimate (classifiers with probabilities and a scored validation set)"),
        series,
        panel(16, "timeseries", "Label coverage", (16, 44, 8, 8), PROM,
              [prom('max by (endpoint_id) (driftwatch_label_coverage{%s})' % SEL, "{{endpoint_id}}")], "percentunit",
              legend(), PERCENT),
        panel(17, "table", "Model performance (newest values)", (0, 52, 24, 7), PROM,
              [dict(prom('driftwatch_performance_realized{%s}' % SEL), instant=True, range=False, format="table")],
              None, {"showHeader": True}, {"custom": {"align": "auto"}, "mappings": []},
              "Every realized metric of model-performance per endpoint (accuracy, F1, ROC AUC, … or MAE, RMSE, R²)"),
    ]


prometheus = dashboard("driftwatch-prometheus", "Driftwatch - Prometheus",
    "Operations and drift of a project's endpoints from Driftwatch's /metrics (Grafana's built-in Prometheus datasource).",
    [variable("project", "Project", PROM, "label_values(driftwatch_predictions_total, project)"),
     variable("endpoint", "Endpoint", PROM, 'label_values(driftwatch_predictions_total{project="$project"}, endpoint_id)', True)],
    [
    panel(1, "stat", "Predictions/s (5m)", (0, 0, 6, 4), PROM,
          [prom('sum(rate(driftwatch_predictions_total{%s}[5m]))' % SEL)], "reqps", stat_options(),
          description="Σ rows / s over the last 5 minutes: the headline predictions/s of docs/observability.md"),
    panel(2, "stat", "Mean latency (1h, row-weighted)", (6, 0, 6, 4), PROM,
          [prom('sum(increase(driftwatch_prediction_latency_row_seconds_total{%s}[1h])) / '
                'sum(increase(driftwatch_predictions_total{%s}[1h]))' % (SEL, SEL))], "s", stat_options(),
          description="Σ(latency × rows) / Σ rows over the last hour: the same definition as the UI and the "
                      "datasources (HeadlineFigures)"),
    panel(3, "stat", "Errors (1h)", (12, 0, 6, 4), PROM,
          [prom('sum(increase(driftwatch_prediction_errors_total{%s}[1h]))' % SEL)], "short", stat_options()),
    panel(4, "stat", "Stream lag", (18, 0, 6, 4), PROM, [prom("sum(driftwatch_stream_lag_records)")], "short",
          stat_options()),
    panel(5, "timeseries", "Predictions/s", (0, 4, 12, 8), PROM,
          [prom('sum by (endpoint_id, model) (rate(driftwatch_predictions_total{%s}[$__rate_interval]))' % SEL,
                "{{model}} {{endpoint_id}}")], "reqps", legend()),
    panel(6, "timeseries", "Latency p50 / p95 / p99", (12, 4, 12, 8), PROM,
          [quantile("0.5"), quantile("0.95"), quantile("0.99")], "s", legend(),
          description="From the latency histogram (buckets 1, 1.5, 2, 2.5, 3, 4, 5, 10, 25 … 10,000 ms), per event"),
    panel(7, "timeseries", "Errors/s by kind", (0, 12, 12, 7), PROM,
          [prom('sum by (kind) (rate(driftwatch_prediction_errors_total{%s}[$__rate_interval]))' % SEL, "{{kind}}")],
          "short", legend()),
    panel(8, "heatmap", "Latency distribution", (12, 12, 12, 7), PROM,
          [dict(prom('sum by (le) (increase(driftwatch_prediction_latency_seconds_bucket{%s}[$__rate_interval]))' % SEL,
                     "{{le}}"), format="heatmap")], "s",
          {"calculate": False, "yAxis": {"axisPlacement": "left"}, "cellGap": 1,
           "color": {"mode": "scheme", "scheme": "Blues"}, "legend": {"show": True},
           "tooltip": {"mode": "single", "yHistogram": False}}),
    panel(9, "gauge", "Drift per feature (latest window)", (0, 19, 24, 7), PROM,
          [dict(prom('max by (feature) (driftwatch_feature_drift{%s})' % SEL, "{{feature}}"), instant=True, range=False)],
          None, gauge_options(), {"min": 0, "max": 1, "thresholds": DRIFT_THRESHOLDS},
          "(TVD + Hellinger) / 2 of each feature in the latest analysed window; 0.5 possible drift, 0.7 drift detected"),
    panel(10, "state-timeline", "Result status", (0, 26, 24, 7), PROM,
          [prom('max by (endpoint_id, application, result) (driftwatch_app_result_status{%s})' % SEL,
                "{{application}}.{{result}} {{endpoint_id}}")], None,
          {"showValue": "auto", "mergeValues": True, "rowHeight": 0.9,
           "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True}},
          {"mappings": STATUS}),
    panel(11, "timeseries", "Result values", (0, 33, 24, 7), PROM,
          [prom('driftwatch_app_result_value{%s}' % SEL, "{{application}}.{{result}} {{endpoint_id}}")], None,
          legend()),
    ] + performance_panels())


# ---- SQL (PostgreSQL and MySQL/MariaDB): the SQL store's tables
def sql(raw, fmt="time_series"):
    return {"rawSql": raw, "format": fmt, "rawQuery": True, "editorMode": "code"}


def sql_dashboard(uid, title, ds, bucket, quote):
    """`bucket` renders a time-bucket expression of column `time` for $__interval; `quote` a string literal."""
    ep = "project = '$project' AND uid IN ($endpoint)"
    return dashboard(uid, title,
        "Operations and app results straight from the SQL store's tables (Grafana's built-in %s datasource)."
        % ("PostgreSQL" if ds is PG else "MySQL"),
        [variable("project", "Project", ds, "SELECT name FROM projects ORDER BY name"),
         dict(variable("endpoint", "Endpoint", ds, "SELECT uid FROM endpoints WHERE project = '$project' ORDER BY uid"),
              multi=True, includeAll=True)],
        [
        panel(1, "timeseries", "Predictions/s", (0, 0, 12, 8), ds, [sql(
            "SELECT $__timeGroupAlias(time, $__interval), uid AS metric, SUM(row_count) / (%s) AS value "
            "FROM predictions WHERE $__timeFilter(time) AND %s GROUP BY 1, 2 ORDER BY 1" % (bucket, ep))], "reqps",
            legend()),
        panel(2, "timeseries", "Mean latency (row-weighted)", (12, 0, 12, 8), ds, [sql(
            "SELECT $__timeGroupAlias(time, $__interval), uid AS metric, "
            "SUM(latency_us * row_count) / SUM(row_count) AS value "
            "FROM predictions WHERE $__timeFilter(time) AND %s GROUP BY 1, 2 ORDER BY 1" % ep)], "µs", legend(),
            description="Σ(latency × rows) / Σ rows per interval: the headline latency definition"),
        panel(3, "timeseries", "Errors", (0, 8, 12, 7), ds, [sql(
            "SELECT $__timeGroupAlias(time, $__interval), uid AS metric, COUNT(*) AS value "
            "FROM errors WHERE $__timeFilter(time) AND %s GROUP BY 1, 2 ORDER BY 1" % ep)], "short", legend()),
        panel(4, "timeseries", "App result values", (12, 8, 12, 7), ds, [sql(
            "SELECT window_end AS time, %s AS metric, value FROM app_results "
            "WHERE $__timeFilter(window_end) AND %s ORDER BY 1" % (quote, ep))], None, legend()),
        panel(5, "table", "App results per window", (0, 15, 24, 10), ds, [sql(
            "SELECT window_end AS time, uid, application, name, kind, status, value FROM app_results "
            "WHERE $__timeFilter(window_end) AND %s ORDER BY window_end DESC LIMIT 500" % ep, "table")], None,
            {"showHeader": True}, {"custom": {"align": "auto"}, "mappings": []}),
        panel(6, "timeseries", "Model performance: accuracy realized vs estimated", (0, 25, 24, 8), ds, [sql(
            "SELECT window_end AS time, %s AS metric, value FROM app_results WHERE $__timeFilter(window_end) AND %s "
            "AND application = 'model-performance' AND name IN ('accuracy', 'estimated_accuracy') ORDER BY 1"
            % (quote, ep))], "percentunit", legend(), {"min": 0, "max": 1},
            "Per window: accuracy from labels and the CBPE estimate without labels (model-performance)"),
    ])


postgres = sql_dashboard("driftwatch-postgres", "Driftwatch - PostgreSQL store", PG,
                         "$__interval_ms / 1000.0", "application || '.' || name || ' ' || uid")
mysql = sql_dashboard("driftwatch-mysql", "Driftwatch - MySQL store", MY, "$__interval_ms / 1000E0",
                      "CONCAT(application, '.', name, ' ', uid)")
for d in (postgres, mysql):
    d["panels"][4]["fieldConfig"]["overrides"] = [{"matcher": {"id": "byName", "options": "status"},
                                                   "properties": [{"id": "mappings", "value": STATUS}]}]


# ---- Infinity: JSON over HTTP from the REST API (base URL set on the datasource)
def infinity(url, columns, root=""):
    return {"type": "json", "source": "url", "parser": "backend", "format": "table", "url": url,
            "url_options": {"method": "GET", "data": ""}, "root_selector": root,
            "columns": [{"selector": s, "text": t, "type": ty} for s, t, ty in columns]}


EPURL = "/api/v1/projects/${project}/ui/endpoints/${endpoint}"
infinity_d = dashboard("driftwatch-infinity", "Driftwatch - Infinity (embedded store)",
    "A project's endpoints, one endpoint's operations and windows, from Driftwatch's REST API through the Infinity "
    "datasource (JSON over HTTP): works with the embedded default store.",
    [dict(variable("project", "Project", INF, ""), query={"infinityQuery": infinity(
        "/api/v1/projects", [("name", "name", "string")]), "queryType": "infinity"}),
     dict(variable("endpoint", "Endpoint", INF, ""), query={"infinityQuery": infinity(
         "/api/v1/projects/${project}/ui/endpoints", [("uid", "uid", "string")]), "queryType": "infinity"})],
    [
    panel(1, "stat", "Predictions/s (5m)", (0, 0, 6, 4), INF, [infinity(
        "/api/v1/projects/${project}/ui/overview", [("predictions_per_second", "predictions/s", "number")])],
        "reqps", stat_options()),
    panel(2, "stat", "Mean latency (1h, row-weighted)", (6, 0, 6, 4), INF, [infinity(
        "/api/v1/projects/${project}/ui/overview", [("latency_avg_1h", "latency", "number")])], "µs",
        stat_options(), description="The headline latency definition (HeadlineFigures), as the UI shows it"),
    panel(3, "stat", "Errors", (12, 0, 6, 4), INF, [infinity(
        "/api/v1/projects/${project}/ui/overview", [("total_errors", "errors", "number")])], "short", stat_options()),
    panel(4, "table", "Endpoints", (0, 4, 24, 7), INF, [infinity(
        "/api/v1/projects/${project}/ui/endpoints",
        [("name", "model", "string"), ("version", "version", "string"), ("uid", "uid", "string"),
         ("function_uri", "function", "string"), ("last_request", "last prediction", "timestamp"),
         ("latency_avg_1h", "latency 1h (µs)", "number"), ("error_count", "errors", "number"),
         ("drift_status", "drift", "number")])], None, {"showHeader": True}, {"mappings": STATUS}),
    panel(5, "table", "Windows", (0, 11, 24, 9), INF, [infinity(
        EPURL + "/windows", [("window_end", "window end", "timestamp"), ("rows", "rows", "number"),
                             ("status", "status", "number")], "windows")], None, {"showHeader": True},
        {"mappings": STATUS}),
    panel(6, "stat", "Latency p95 over the range", (0, 20, 8, 4), INF, [infinity(
        EPURL + "/operations?start=${__from:date:iso}&end=${__to:date:iso}",
        [("latency_p95", "p95", "number")], "totals")], "µs", stat_options()),
    panel(7, "stat", "Latency p99 over the range", (8, 20, 8, 4), INF, [infinity(
        EPURL + "/operations?start=${__from:date:iso}&end=${__to:date:iso}",
        [("latency_p99", "p99", "number")], "totals")], "µs", stat_options()),
    panel(8, "stat", "Predictions over the range", (16, 20, 8, 4), INF, [infinity(
        EPURL + "/operations?start=${__from:date:iso}&end=${__to:date:iso}",
        [("predictions", "predictions", "number")], "totals")], "short", stat_options()),
    panel(9, "table", "Model performance per window", (0, 24, 24, 9), INF, [infinity(
        EPURL + "/performance?start=${__from:date:iso}&end=${__to:date:iso}",
        [("window_end", "window end", "timestamp"), ("rows", "rows", "number"),
         ("label_coverage", "label coverage", "number"), ("primary_realized", "realized", "number"),
         ("primary_estimated", "estimated (CBPE)", "number"), ("primary_estimated_lower", "band lower", "number"),
         ("primary_estimated_upper", "band upper", "number")], "windows")], "percentunit", {"showHeader": True},
        None, "model-performance's primary metric (accuracy, or R² for regression) per window: realized from labels "
              "beside the estimate and its band; label coverage = labelled rows / rows"),
    panel(10, "timeseries", "General drift per hour (merged window summaries)", (0, 33, 24, 9), INF, [dict(infinity(
        "/api/v1/projects/${project}/model-endpoints/${endpoint}/drift/series?start=${__from:date:iso}"
        "&end=${__to:date:iso}&granularity=hour&baseline=reference",
        [("start", "hour", "timestamp"), ("general_drift", "general drift vs reference", "number"),
         ("rows", "rows", "number")], "points"), format="timeseries")], None, legend(),
        {"min": 0, "thresholds": DRIFT_THRESHOLDS, "custom": {"drawStyle": "line", "showPoints": "always",
                                                              "spanNulls": False, "thresholdsStyle": {"mode": "dashed"}}},
        "MLRun's general drift ((TVD mean + Hellinger mean) / 2) of each hour of the dashboard's range against the "
        "reference, merged from the endpoint's window summaries without reading rows (GET …/drift/series, "
        "docs/api.md 'Drift over a range'); dashed lines at the default thresholds 0.5 and 0.7"),
])

os.makedirs(OUT, exist_ok=True)
for name, d in [("prometheus", prometheus), ("postgres", postgres), ("mysql", mysql), ("infinity", infinity_d)]:
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(d, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote modern/" + name + ".json")
