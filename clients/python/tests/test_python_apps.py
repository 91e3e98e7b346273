"""Python monitoring apps run by workers through the task route: results, metrics, failures, leases."""

import os
import subprocess
import sys
import threading
from datetime import timedelta
from urllib import request

import pandas as pd
import pytest

import driftwatch
from conftest import IRIS, ROOT, eventually
from driftwatch.apps import ModelMonitoringApplicationBase, Worker
from test_tutorial_flow import ROWS, _track_iris

sys.path.insert(0, str(ROOT / "examples" / "python"))
from count_app import CountApp  # noqa: E402
from scipy_drift_app import JensenShannonDriftApp  # noqa: E402


class Exploding(ModelMonitoringApplicationBase):
    def do_tracking(self, monitoring_context):
        raise RuntimeError("boom in " + monitoring_context.endpoint_id)


def _worker(project, name, app):
    w = Worker(app, project.name, name, url=project.client.http.url, wait=1)
    t = threading.Thread(target=w.run, daemon=True)
    t.start()
    return w, t


@pytest.fixture(scope="module")
def tracked(server_url):
    project = driftwatch.get_or_create_project("pyapps", url=server_url)
    project.log_model("iris", model_file=str(IRIS / "iris_rf.onnx"), training_set=str(IRIS / "iris.csv"),
                      label_column="label")
    project.enable_model_monitoring(base_period=10, deploy_histogram_data_drift_app=False)
    tracker = project.tracker("iris", batch_size=50)
    _track_iris(tracker, shift=2.0)
    assert tracker.flush(30)
    uid = eventually(lambda: [e["metadata"]["uid"] for e in project.list_model_endpoints()
                              if len(project.read_endpoint_data(e["metadata"]["uid"], format="json")) == len(ROWS)])[0]
    return project, uid


def test_python_apps_produce_results_and_metrics(tracked):
    project, uid = tracked
    project.set_model_monitoring_function(name="count-app", runtime="python", timeout="20s")
    project.set_model_monitoring_function(func="scipy_drift_app.py", application_class="JensenShannonDriftApp",
                                          name="js-drift", timeout="20s")
    apps = {a["name"]: a for a in project.list_model_monitoring_functions()}
    assert apps["count-app"]["runtime"] == "python" and apps["js-drift"]["runtime"] == "python"
    workers = [_worker(project, "count-app", CountApp(min_count=5)),
               _worker(project, "js-drift", JensenShannonDriftApp())]
    try:
        assert project.run_model_monitoring_controller() >= 2
    finally:
        for w, t in workers:
            w.stop()
            t.join(10)
    values = project.get_model_endpoint_metrics_values(uid)
    counts = values[values["full_name"] == "pyapps.count-app.metric.count"]
    assert len(counts) >= 2
    rows = project.read_endpoint_data(uid, start="now-3h", end="now")
    ts = pd.to_datetime(rows["timestamp"], utc=True)
    for end, value in zip(counts["time"], counts["value"]):
        assert value == ((ts >= end - timedelta(minutes=10)) & (ts < end)).sum()
    means = values[values["full_name"] == "pyapps.count-app.metric.mean_sepal_length"]
    assert len(means) == len(counts) and means["value"].between(4.0 + 2.0, 8.0 + 2.0).all()
    traffic = values[values["full_name"] == "pyapps.count-app.result.low_traffic"]
    assert set(traffic["status"]) <= {0, 1} and len(traffic) == len(counts)
    drift = values[values["full_name"] == "pyapps.js-drift.result.jensen_shannon_drift"]
    assert len(drift) >= 2 and (drift["status"] == 2).all(), drift  # inputs shifted by 2: detected
    grafana = project.client.http.call("POST", "/grafana-proxy/model-endpoints/query", {
        "range": {"from": "now-3h", "to": "now"}, "intervalMs": 60000, "maxDataPoints": 500,
        "targets": [{"target": f"target_endpoint=result_values;project=pyapps;endpoint_id={uid};application=js-drift",
                     "type": "timeserie"}]})
    series = {s["target"]: s["datapoints"] for s in grafana}
    assert any("jensen_shannon_drift" in name for name in series), series.keys()
    shown = next(points for name, points in series.items() if "jensen_shannon_drift" in name)
    assert sorted(round(v, 9) for v, _ in shown) == sorted(round(v, 9) for v in drift["value"])
    ui = project.client.http.call("GET", "/projects/pyapps/ui/app-results", params={"start": "now-3h", "end": "now"})
    shown_in_ui = sorted(round(r["value"], 9) for r in ui
                         if r["endpoint_id"] == uid and r["full_name"] == "pyapps.js-drift.result.jensen_shannon_drift")
    assert shown_in_ui == sorted(round(v, 9) for v in drift["value"]), ui
    assert all(r["status"] == 2 for r in ui if r["application"] == "js-drift")
    artifacts = project.client.http.call("GET", f"/projects/pyapps/model-endpoints/{uid}/artifacts",
                                         params={"app": "js-drift"})
    assert any(a.get("name") == "jensen_shannon_scores" for a in artifacts), artifacts


def _app_failures(url, app):
    with request.urlopen(url + "/metrics") as r:
        text = r.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("driftwatch_app_failures_total") and f'application="{app}"' in line)


def test_failing_and_absent_workers_are_app_failures(tracked, server_url):
    project, uid = tracked
    project.set_model_monitoring_function(name="exploding", runtime="python", timeout="20s")
    project.set_model_monitoring_function(name="nobody-home", runtime="python", timeout="1s")
    w, t = _worker(project, "exploding", Exploding())
    try:
        project.run_model_monitoring_controller()
    finally:
        w.stop()
        t.join(10)
    assert w.processed >= 1
    assert _app_failures(server_url, "exploding") >= 1
    assert _app_failures(server_url, "nobody-home") >= 1
    names = set(project.get_model_endpoint_monitoring_metrics(uid)["full_name"])
    assert not any(".exploding." in n or ".nobody-home." in n for n in names)


def test_task_route_errors(tracked):
    project, _ = tracked
    http = project.client.http
    with pytest.raises(driftwatch.NotFoundError) as e:
        http.call("GET", "/projects/pyapps/model-monitoring/tasks", params={"app": "no-such-app", "wait": 0})
    assert "no-such-app" in e.value.message
    with pytest.raises(driftwatch.DriftwatchError) as e:
        http.call("GET", "/projects/pyapps/model-monitoring/tasks", params={"app": "count-app", "wait": 99})
    assert e.value.status == 400 and "wait" in e.value.message
    with pytest.raises(driftwatch.NotFoundError):
        http.call("POST", "/projects/pyapps/model-monitoring/tasks/nope/result", {"lease_id": "x", "results": []})
    with pytest.raises(driftwatch.DriftwatchError) as e:
        project.set_model_monitoring_function(name="x", runtime="ruby")
    assert e.value.status == 400 and "runtime" in e.value.message


def test_worker_command_line(tracked, server_url):
    project, uid = tracked
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "clients" / "python"),
                                                       os.environ.get("PYTHONPATH", "")]))
    worker = subprocess.Popen([sys.executable, "-m", "driftwatch.apps", "--app", "count_app:CountApp", "--project",
                               "pyapps", "--name", "cli-count", "--register", "--server", server_url, "--wait", "1",
                               "--param", "min_count=1000"],
                              cwd=ROOT / "examples" / "python", env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        eventually(lambda: "cli-count" in [a["name"] for a in project.list_model_monitoring_functions()])
        assert project.run_model_monitoring_controller() >= 1
    finally:
        worker.terminate()
        log = worker.communicate(timeout=20)[0]
    values = project.get_model_endpoint_metrics_values(uid, ["pyapps.cli-count.result.low_traffic"])
    assert len(values) >= 1, log
    assert (values["status"] == 1).all()  # min_count=1000 from --param: every window is low traffic
    assert "worker of app 'cli-count'" in log
