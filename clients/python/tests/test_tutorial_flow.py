"""MLRun's model-monitoring tutorial written with the client, against a real server."""

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

import driftwatch
from conftest import IRIS, eventually

ROWS = pd.read_csv(IRIS / "iris.csv")


def _track_iris(tracker, shift=0.0, minutes=60):
    """One tracked request per iris row, spread over the last ``minutes`` (so that windows are closed)."""
    t0 = datetime.now(timezone.utc) - timedelta(minutes=minutes)
    step = timedelta(minutes=minutes) / (len(ROWS) + 5)
    for i, row in enumerate(ROWS.itertuples(index=False)):
        features = [float(x) + shift for x in row[:4]]
        assert tracker.track({"id": f"r{i}", "inputs": [features]}, {"outputs": [int(row[4])]}, 0.0025,
                             when=t0 + i * step)


@pytest.fixture(scope="module")
def monitored(server_url):
    project = driftwatch.get_or_create_project("tutorial", url=server_url)
    model = project.log_model("iris", model_file=str(IRIS / "iris_rf.onnx"), training_set=str(IRIS / "iris.csv"),
                              label_column="label", framework="onnx")
    project.set_model_monitoring_credentials(stream_path="embedded", tsdb_connection="embedded",
                                             endpoint_store_connection="embedded")
    # 150 rows over an hour: 25 rows per 10-minute window, below the built-in apps' default minimum of 100
    project.enable_model_monitoring(base_period=10, deploy_histogram_data_drift_app=True, min_rows=20)
    tracker = project.tracker("iris", function_uri="tutorial/serving", batch_size=40)
    _track_iris(tracker, shift=1.5)
    assert tracker.flush(30), tracker.stats
    assert tracker.stats["delivered"] == len(ROWS) and tracker.dropped == 0, tracker.stats
    endpoint = eventually(lambda: [e for e in project.list_model_endpoints(model_name="iris")
                                   if len(project.read_endpoint_data(e["metadata"]["uid"], format="json"))
                                   == len(ROWS)])[0]
    return project, model, endpoint["metadata"]["uid"]


def test_log_model_gives_feature_stats(monitored):
    _, model, _ = monitored
    assert model["feature_names"] == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    assert set(model["feature_stats"]) >= set(model["feature_names"])


def test_get_or_create_project_returns_the_existing_project(monitored, server_url):
    again = driftwatch.get_or_create_project("tutorial", url=server_url)
    assert again.name == "tutorial"
    assert again.get_model_monitoring_settings()["enabled"] is True


def test_default_app_is_deployed(monitored):
    project, _, _ = monitored
    names = [f["name"] for f in project.list_model_monitoring_functions()]
    assert "histogram-data-drift" in names


def test_controller_run_gives_drift_results_as_dataframes(monitored):
    project, _, uid = monitored
    project.update_model_monitoring_controller(base_period=10)
    assert project.run_model_monitoring_controller() >= 1
    metrics = project.get_model_endpoint_monitoring_metrics(uid)
    assert isinstance(metrics, pd.DataFrame)
    assert "tutorial.histogram-data-drift.result.general_drift" in set(metrics["full_name"])
    results = project.list_model_endpoint_results(uid)
    assert isinstance(results, pd.DataFrame) and len(results) >= 4
    assert set(results["full_name"]) == {"tutorial.histogram-data-drift.result.general_drift"}
    assert results["value"].between(0, 1).all()
    # inputs shifted by 1.5 from the training set: drift detected in some window
    assert (results["status"] >= 1).any(), results
    assert str(results["time"].dtype).startswith("datetime64")


def test_feature_analysis_of_the_endpoint(monitored):
    project, _, uid = monitored
    project.run_model_monitoring_controller()
    ep = project.get_model_endpoint(endpoint_id=uid, feature_analysis=True)
    assert ep["metadata"]["uid"] == uid
    features = {f["name"]: f for f in ep["features"]}
    assert set(features) >= {"sepal_length", "petal_width"}
    assert features["sepal_length"]["actual"]["mean"] > features["sepal_length"]["expected"]["mean"]


def test_errors_carry_the_server_message(monitored, server_url):
    project, _, _ = monitored
    with pytest.raises(driftwatch.NotFoundError) as e:
        driftwatch.get_project("no-such-project", url=server_url)
    assert e.value.status == 404 and "no-such-project" in e.value.message
    with pytest.raises(driftwatch.DriftwatchError) as e:
        project.set_model_monitoring_function(name="bad", application_class="com.example.NoSuchApp")
    assert e.value.status == 400 and "com.example.NoSuchApp" in e.value.message
    with pytest.raises(driftwatch.ConflictError):
        project.set_model_monitoring_credentials(stream_path="kafka://broker:9092")


def test_unreachable_server_raises_driftwatch_error():
    with pytest.raises(driftwatch.DriftwatchError) as e:
        driftwatch.get_or_create_project("p", url="http://127.0.0.1:9")
    assert e.value.status == 0 and e.value.code == "unreachable"


def test_alerts(monitored):
    project, _, uid = monitored
    alert = {"name": "iris-drift", "summary": "drift on {{project}}", "severity": "high",
             "entities": {"kind": "model-endpoint-result", "project": "tutorial",
                          "ids": [f"{uid}.histogram-data-drift.result.general_drift"]},
             "trigger": {"events": ["data-drift-detected"]}, "criteria": {"count": 1, "period": "10m"},
             "notifications": [{"kind": "console"}]}
    stored = project.store_alert_config(alert)
    assert stored["name"] == "iris-drift" and stored["severity"] == "high"
    assert [a["name"] for a in project.list_alerts_configs()] == ["iris-drift"]
    project.reset_alert_config("iris-drift")
    assert project.get_alert_config("iris-drift")["state"] == "inactive"
    assert project.disable_alert_config("iris-drift")["enabled"] is False
    assert project.get_alert_config("iris-drift")["enabled"] is False
    assert project.enable_alert_config("iris-drift")["enabled"] is True
    with pytest.raises(driftwatch.DriftwatchError) as e:
        project.store_alert_config(dict(alert, severity="apocalyptic"))
    assert e.value.status == 400 and "severity" in e.value.message


def test_disable_model_monitoring_removes_the_default_app(server_url):
    project = driftwatch.get_or_create_project("disabled", url=server_url)
    project.enable_model_monitoring(base_period="30s")
    project.disable_model_monitoring()
    assert project.get_model_monitoring_settings()["enabled"] is False
    assert "histogram-data-drift" not in [f["name"] for f in project.list_model_monitoring_functions()]
