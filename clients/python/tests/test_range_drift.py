"""Drift over a range from the window summaries (issue 17 pt 3): the client's answer for the tracked rows equals
MLRun's histogram drift computed here from the same rows (read back from the /data route) and the reference."""

import math
from datetime import datetime, timedelta, timezone

import pytest

import driftwatch
from conftest import eventually
from test_tutorial_flow import ROWS, _track_iris

PAD = 1.7976931348623157e308


def _mlrun_drift(values, hist):
    """TVD and Hellinger of ``values`` against a §5 reference ``hist`` ([[counts], [edges]]), MLRun's padded bins
    (a value equal to the last edge falls into the last real bin)."""
    counts, edges = hist
    edges = [-PAD] + list(edges) + [PAD]
    ref = [0.0] + list(counts) + [0.0]
    sample = [0] * len(ref)
    for v in values:
        i = 0
        while i < len(ref) - 1 and v >= edges[i + 1] and not (i + 1 == len(ref) - 1 and v == edges[i + 1]):
            i += 1
        sample[i] += 1
    u = [c / sum(ref) for c in ref]
    t = [c / len(values) for c in sample]
    tvd = sum(abs(a - b) for a, b in zip(t, u)) / 2
    hellinger = math.sqrt(max(1 - sum(math.sqrt(a * b) for a, b in zip(t, u)), 0))
    return tvd, hellinger


def test_range_drift_equals_the_rows_drift_and_series_and_bad_input(server_url):
    project = driftwatch.get_or_create_project("range-drift", url=server_url)
    project.log_model("iris", training_set=ROWS, label_column="label")
    tracker = project.tracker("iris", batch_size=64)
    _track_iris(tracker, shift=0.7, minutes=90)
    assert tracker.flush(30)
    start = datetime.now(timezone.utc) - timedelta(hours=3)
    end = datetime.now(timezone.utc) + timedelta(seconds=1)
    uid = eventually(lambda: [e["metadata"]["uid"] for e in project.list_model_endpoints()
                              if project.get_model_endpoint_drift(e["metadata"]["uid"], start, end)["rows"]
                              == len(ROWS)])[0]
    drift = project.get_model_endpoint_drift(uid, start, end)
    assert drift["baseline"]["kind"] == "reference"
    assert drift["cells"] >= 9  # 90 minutes of 10-minute windows
    stats = project.get_model_endpoint(endpoint_id=uid)["status"]["feature_stats"]
    rows = project.read_endpoint_data(uid, start=drift["covered"]["start"], end=drift["covered"]["end"],
                                      format="json")
    assert len(rows) == len(ROWS)
    names = [f["name"] for f in drift["features"]]
    assert {"sepal_length", "petal_width"} <= set(names)
    tvds, hellingers = [], []
    for f in drift["features"]:
        tvd, hellinger = _mlrun_drift([r[f["name"]] for r in rows], stats[f["name"]]["hist"])
        assert f["tvd"] == pytest.approx(tvd, abs=1e-9), f["name"]
        assert f["hellinger"] == pytest.approx(hellinger, abs=1e-9), f["name"]
        tvds.append(tvd)
        hellingers.append(hellinger)
    general = (sum(tvds) / len(tvds) + sum(hellingers) / len(hellingers)) / 2
    assert drift["general_drift"] == pytest.approx(general, abs=1e-9)

    series = project.get_model_endpoint_drift_series(uid, start, end, granularity="hour")
    assert len(series["points"]) == 4
    assert sum(p["rows"] for p in series["points"]) == len(ROWS)
    previous = project.get_model_endpoint_drift(uid, start, end, baseline="previous")
    assert previous["baseline"]["rows"] == 0 and previous["status"] == "irrelevant"

    with pytest.raises(driftwatch.DriftwatchError) as bad:
        project.get_model_endpoint_drift_series(uid, start, end, granularity="month")
    assert bad.value.status == 400 and "unknown granularity 'month'" in bad.value.message
    with pytest.raises(driftwatch.DriftwatchError) as backwards:
        project.get_model_endpoint_drift(uid, end, start)
    assert backwards.value.status == 400 and "is not before end" in backwards.value.message
