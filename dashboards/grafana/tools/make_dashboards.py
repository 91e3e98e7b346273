#!/usr/bin/env python3
"""Writes the four Driftwatch Grafana dashboards (../*.json). Edit here, run, commit both.

Datasource: uid "driftwatch", type grafana-simple-json-datasource, pointed at
http://<driftwatch>/api/v1/grafana-proxy/model-endpoints (see ../provisioning/).
Targets are the datasource's target_endpoint=...;key=value strings (docs/observability.md).
"""
import json
import os

DS = {"type": "grafana-simple-json-datasource", "uid": "driftwatch"}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
EP = "project=$PROJECT;endpoint_id=$MODELENDPOINT"


def target(ref, text, kind):
    return {"refId": ref, "datasource": DS, "target": text, "type": kind}


def panel(pid, ptype, title, pos, targets, options=None, defaults=None, description=None, overrides=None,
          interval=None):
    p = {"id": pid, "type": ptype, "title": title, "datasource": DS,
         "gridPos": {"x": pos[0], "y": pos[1], "w": pos[2], "h": pos[3]},
         "targets": [target(chr(ord("A") + i), t, k) for i, (t, k) in enumerate(targets)],
         "options": options or {},
         "fieldConfig": {"defaults": defaults or {}, "overrides": overrides or []}}
    if interval:
        p["interval"] = interval
    if description:
        p["description"] = description
    return p


def stat(pid, title, pos, field, unit=None, calc="lastNotNull", target_text=None):
    defaults = {"unit": unit} if unit else {}
    return panel(pid, "stat", title, pos, [(target_text or "target_endpoint=project_summary;project=$PROJECT", "table")],
                 options={"reduceOptions": {"calcs": [calc], "fields": "/^" + field + "$/", "values": False},
                          "colorMode": "value", "graphMode": "none", "textMode": "value"},
                 defaults=defaults)


def table(pid, title, pos, text, description=None, overrides=None):
    return panel(pid, "table", title, pos, [(text, "table")], options={"showHeader": True},
                 defaults={"custom": {"align": "auto"}}, description=description, overrides=overrides)


# MLRun's drift status codes (ResultStatusApp) as words and traffic-light colours.
DRIFT_STATUS = {"0": ("No drift", "green"), "1": ("Possible drift", "yellow"), "2": ("Drift detected", "red")}


def status_mapping(keys=("0", "1", "2"), extra=None):
    opts = {k: {"text": DRIFT_STATUS[c][0], "color": DRIFT_STATUS[c][1], "index": i}
            for i, (k, c) in enumerate(zip(keys, ("0", "1", "2")))}
    for k, text in (extra or {}).items():
        opts[k] = {"text": text, "index": len(opts)}
    return [{"type": "value", "options": opts}]


def override(field, **props):
    return {"matcher": {"id": "byName", "options": field},
            "properties": [{"id": k.replace("_", "."), "value": v} for k, v in props.items()]}


def drill_down(slug_uid, title):
    """A data link from an endpoint ID cell to another dashboard, with the project and that endpoint selected."""
    uid, slug = slug_uid
    return {"title": title + " of ${__value.raw}", "targetBlank": False,
            "url": "/d/" + uid + "/" + slug + "?var-PROJECT=${PROJECT}&var-MODELENDPOINT=${__value.raw}"
                   "&${__url_time_range}"}


DETAILS = ("driftwatch-details", "model-monitoring-details")
PERFORMANCE = ("driftwatch-performance", "model-monitoring-performance")
ENDPOINT_LINKS = override("endpoint_id", links=[drill_down(DETAILS, "Details"), drill_down(PERFORMANCE, "Performance")])
DRIFT_COLUMN = override("drift_status", mappings=status_mapping(extra={"N/A": "Not analysed"}),
                        custom_cellOptions={"type": "color-background", "mode": "basic"})
STATUS_COLUMN = override("status", mappings=status_mapping(("no_detection", "potential_detection", "detected"),
                                                           {"irrelevant": "Too few rows"}),
                         custom_cellOptions={"type": "color-text"})
# Heat maps in 15-minute buckets (MLRun's dashboards): the datasource buckets (step=15m), Grafana draws the cells.
HEAT_BUCKET = "15m"


def series(pid, title, pos, texts, unit=None, ptype="timeseries", options=None, description=None, interval=None):
    defaults = {"unit": unit} if unit else {}
    return panel(pid, ptype, title, pos, [(t, "timeserie") for t in texts],
                 options=options or {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
                                     "tooltip": {"mode": "multi", "sort": "none"}},
                 defaults=defaults, description=description, interval=interval)


def heatmap(pid, title, pos, text, unit, scheme, description):
    """One row per endpoint, one cell per 15 minutes (pre-bucketed by the datasource)."""
    return series(pid, title, pos, [text + ";step=" + HEAT_BUCKET], unit, "heatmap",
                  {"calculate": False, "yAxis": {"axisPlacement": "left"}, "cellGap": 1,
                   "color": {"mode": "scheme", "scheme": scheme}, "legend": {"show": True},
                   "tooltip": {"mode": "single", "yHistogram": False}},
                  description, interval=HEAT_BUCKET)


def variable(name, label, query, include_all=False):
    v = {"name": name, "label": label, "type": "query", "datasource": DS, "query": query, "refresh": 1,
         "sort": 1, "hide": 0, "multi": False, "includeAll": include_all, "options": [],
         "current": {"text": "", "value": ""}}
    if include_all:
        v["allValue"] = "*"
    return v


PROJECT = variable("PROJECT", "Project", "target_endpoint=list_projects")
ENDPOINT = variable("MODELENDPOINT", "Model endpoint", "target_endpoint=list_endpoints;project=$PROJECT")
APPLICATION = variable("APPLICATION", "Application", "target_endpoint=list_applications;project=$PROJECT", True)


def button(title, uid, tooltip):
    """A dashboard link shown as a button, carrying the variables and the time range."""
    return {"title": title, "type": "link", "url": "/d/" + uid, "icon": "dashboard", "tags": [], "asDropdown": False,
            "includeVars": True, "keepTime": True, "targetBlank": False, "tooltip": tooltip}


OVERVIEW_BUTTON = button("Overview", "driftwatch-overview", "Every endpoint of the project")
DETAILS_BUTTON = button("Details", DETAILS[0], "This endpoint's record and feature drift")
PERFORMANCE_BUTTON = button("Performance", PERFORMANCE[0], "This endpoint's latency, throughput and drift over time")
APPLICATIONS_BUTTON = button("Applications", "driftwatch-applications", "This endpoint's monitoring app results")


def dashboard(uid, title, description, variables, panels, buttons=(), time_from="now-1h", refresh="30s"):
    return {"uid": uid, "title": title, "description": description, "tags": ["driftwatch", "model-monitoring"],
            "schemaVersion": 42, "version": 1, "editable": True, "graphTooltip": 1, "timezone": "browser",
            "refresh": refresh, "time": {"from": time_from, "to": "now"},
            "timepicker": {"refresh_intervals": ["5s", "30s", "1m", "5m", "15m"]},
            "fiscalYearStartMonth": 0, "liveNow": False, "links": list(buttons) + [
                {"title": "Driftwatch", "type": "dashboards", "tags": ["driftwatch"], "asDropdown": True,
                 "icon": "external link", "includeVars": True, "keepTime": True, "targetBlank": False,
                 "tooltip": ""}],
            "annotations": {"list": []}, "templating": {"list": variables}, "panels": panels}


overview = dashboard("driftwatch-overview", "Model Monitoring - Overview",
    "Every model endpoint of a project: traffic, latency, errors, drift status.", [PROJECT], [
    stat(1, "Endpoints", (0, 0, 6, 4), "endpoints"),
    stat(2, "Predictions/s", (6, 0, 6, 4), "predictions_per_second", "reqps"),
    stat(3, "Average latency (1h)", (12, 0, 6, 4), "latency_avg_1h", "µs"),
    stat(4, "Errors", (18, 0, 6, 4), "error_count"),
    table(5, "Models", (0, 4, 24, 8), "target_endpoint=list_endpoints;project=$PROJECT",
          "MLRun's endpoint list: function, model, class, first/last request, errors, drift status, live metrics. "
          "Click an endpoint ID for its Details or Performance dashboard.", [ENDPOINT_LINKS, DRIFT_COLUMN]),
    heatmap(6, "Predictions/s per endpoint", (0, 12, 12, 8), "target_endpoint=endpoints_pps;project=$PROJECT",
            "reqps", "Oranges", "Predictions per second of each endpoint, per 15 minutes"),
    heatmap(7, "Average latency (1h) per endpoint", (12, 12, 12, 8),
            "target_endpoint=endpoints_latency;project=$PROJECT;window=1h", "µs", "Blues",
            "Each endpoint's average latency over the hour ending at each 15-minute bucket"),
    heatmap(8, "Errors per endpoint", (0, 20, 24, 6), "target_endpoint=endpoints_errors;project=$PROJECT", "short",
            "Reds", "Errors of each endpoint per 15 minutes"),
])

details = dashboard("driftwatch-details", "Model Monitoring - Details",
    "One model endpoint: its record, the latest window's drift per feature and the incoming feature values.",
    [PROJECT, ENDPOINT], [
    table(1, "Endpoint summary", (0, 0, 24, 4), "target_endpoint=list_endpoints;" + EP, None,
          [ENDPOINT_LINKS, DRIFT_COLUMN]),
    table(2, "Overall drift", (0, 4, 24, 4), "target_endpoint=overall_feature_analysis;" + EP,
          "TVD, Hellinger and KLD of the latest analysed window, summed over features and averaged"),
    table(3, "Features analysis", (0, 8, 24, 10), "target_endpoint=individual_feature_analysis;" + EP,
          "Per feature: latest window (actual) vs reference (expected) min/mean/max and the three distances"),
    series(4, "Incoming features", (0, 18, 24, 9), ["target_endpoint=incoming_features;" + EP]),
], [OVERVIEW_BUTTON, PERFORMANCE_BUTTON, APPLICATIONS_BUTTON])

performance = dashboard("driftwatch-performance", "Model Monitoring - Performance",
    "One model endpoint over time: drift measures, latency, throughput and custom metrics.",
    [PROJECT, ENDPOINT], [
    series(1, "Drift measures", (0, 0, 24, 7), ["target_endpoint=drift_measures;" + EP]),
    series(2, "Average latency (5m and 1h)", (0, 7, 12, 8),
           ["target_endpoint=latency_avg;" + EP + ";window=5m", "target_endpoint=latency_avg;" + EP + ";window=1h"], "µs"),
    series(3, "Predictions/s (5 s)", (12, 7, 12, 8), ["target_endpoint=predictions_per_second;" + EP + ";step=5s"],
           "reqps"),
    series(4, "Predictions count (5m and 1h)", (0, 15, 12, 8),
           ["target_endpoint=predictions_count;" + EP + ";window=5m",
            "target_endpoint=predictions_count;" + EP + ";window=1h"], "short"),
    series(5, "Custom metrics", (12, 15, 12, 8), ["target_endpoint=custom_metrics;" + EP]),
], [OVERVIEW_BUTTON, DETAILS_BUTTON, APPLICATIONS_BUTTON])

APP = EP + ";application=$APPLICATION"
applications = dashboard("driftwatch-applications", "Model Monitoring - Applications",
    "Results of the monitoring applications of one model endpoint.", [PROJECT, ENDPOINT, APPLICATION], [
    panel(1, "piechart", "Drift status by category", (0, 0, 8, 8),
          [("target_endpoint=result_status_share;" + APP, "table")],
          options={"reduceOptions": {"calcs": ["lastNotNull"], "fields": "/^count$/", "values": True},
                   "pieType": "donut", "displayLabels": ["percent"],
                   "legend": {"displayMode": "list", "placement": "right", "showLegend": True}},
          description="Share of the results in the time range with no drift, potential drift and drift detected"),
    panel(2, "gauge", "Average drift value", (8, 0, 8, 8),
          [("target_endpoint=result_values;" + APP + ";status=potential_detection,detected", "timeserie")],
          options={"reduceOptions": {"calcs": ["mean"], "fields": "", "values": False},
                   "showThresholdLabels": False, "showThresholdMarkers": True},
          defaults={"min": 0, "max": 1, "thresholds": {"mode": "absolute", "steps": [
              {"color": "green", "value": None}, {"color": "yellow", "value": 0.5}, {"color": "red", "value": 0.7}]}},
          description="Mean value of the results with possible or detected drift (no-drift and irrelevant "
                      "results left out), as MLRun's dashboard computes it"),
    panel(3, "stat", "Latest result", (16, 0, 8, 8), [("target_endpoint=result_values;" + APP, "timeserie")],
          options={"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                   "colorMode": "value", "graphMode": "area", "textMode": "value_and_name"}),
    table(4, "Results summary", (0, 8, 24, 8), "target_endpoint=result_summary;" + APP,
          "Every result in the time range: time (window end), metric name, kind, status, value",
          [ENDPOINT_LINKS, STATUS_COLUMN]),
    series(5, "Result value by time", (0, 16, 24, 8), ["target_endpoint=result_values;" + APP]),
    series(6, "Drift detection history", (0, 24, 24, 6),
           ["target_endpoint=result_status;" + APP + ";status=no_detection,potential_detection,detected"], None,
           "state-timeline", {"showValue": "auto", "mergeValues": True, "rowHeight": 0.9,
                              "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True}},
           "Status per window: no drift, possible drift, drift detected (irrelevant windows, with too few rows, "
           "are left out)"),
], [OVERVIEW_BUTTON, DETAILS_BUTTON, PERFORMANCE_BUTTON])
applications["panels"][5]["fieldConfig"]["defaults"] = {"mappings": status_mapping()}

for name, d in [("overview", overview), ("details", details), ("performance", performance),
                ("applications", applications)]:
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(d, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", name + ".json")
