"""MLRun's create_model_monitoring_function and delete_project, against a real server."""

import pytest

import driftwatch
from driftwatch.errors import ConflictError, DriftwatchError, NotFoundError


def test_create_model_monitoring_function_checks_without_registering(server_url):
    project = driftwatch.get_or_create_project("create-fn", url=server_url)
    spec = project.create_model_monitoring_function(
        name="shift", application_class="io.driftwatch.engine.apps.examples.PredictionMeanShiftApp",
        image="mlrun/mlrun", handler="ignored", requirements=["scipy"], potential_shift=0.5)
    assert spec["registered"] is False and spec["exists"] is False
    assert spec["class_name"].endswith("PredictionMeanShiftApp")
    assert spec["params"] == {"potential_shift": "0.5"}
    assert project.list_model_monitoring_functions() == []
    with pytest.raises(DriftwatchError) as e:
        project.create_model_monitoring_function(name="bad", application_class="no.such.App")
    assert e.value.status == 400 and "no.such.App" in e.value.message


def test_delete_project_needs_cascading_for_a_project_with_data(server_url):
    client = driftwatch.Client(server_url)
    project = client.get_or_create_project("doomed")
    project.enable_model_monitoring(base_period="30s")
    with pytest.raises(ConflictError) as e:
        client.delete_project("doomed")
    assert "cascading" in e.value.message
    answer = client.delete_project("doomed", deletion_strategy="cascading")
    assert answer["name"] == "doomed" and answer["deleted"]["monitoring_functions"] == 1
    with pytest.raises(NotFoundError):
        client.get_project("doomed")
