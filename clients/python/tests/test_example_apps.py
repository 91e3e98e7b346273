"""The example apps of examples/python on hand-made window tasks (no server): what do_tracking returns."""

import sys

import numpy as np

from conftest import ROOT
from driftwatch.apps import process_task

sys.path.insert(0, str(ROOT / "examples" / "python"))
from count_app import CountApp  # noqa: E402
from scipy_drift_app import JensenShannonDriftApp  # noqa: E402

EDGES = np.linspace(0.0, 10.0, 21)


def _task(values, reference):
    counts, _ = np.histogram(reference, bins=EDGES)
    return {"project": "p", "application_name": "app", "endpoint_id": "e1", "endpoint_name": "m",
            "start_infer_time": "2026-01-01T00:00:00+00:00", "end_infer_time": "2026-01-01T00:10:00+00:00",
            "feature_names": ["x"], "label_names": ["y"],
            "feature_stats": {"x": {"hist": [counts.tolist(), EDGES.tolist()]}},
            "sample": {"timestamp": ["2026-01-01T00:%02d:%02d+00:00" % divmod(i, 60) for i in range(len(values))],
                       "x": list(values), "y": [0] * len(values)}}


def test_count_app_counts_and_averages():
    answer = process_task(CountApp(min_count=5), _task([1.0, 2.0, 6.0], [1.0, 2.0]))
    metrics = {m["name"]: m["value"] for m in answer["metrics"]}
    assert metrics == {"count": 3.0, "mean_x": 3.0}
    [result] = answer["results"]
    assert result["name"] == "low_traffic" and result["status"] == 1 and result["kind"] == 3
    assert process_task(CountApp(min_count=2), _task([1.0, 2.0, 6.0], [1.0]))["results"][0]["status"] == 0


def test_scipy_app_scores_drift_and_logs_its_scores():
    rng = np.random.default_rng(7)
    reference = rng.normal(3.0, 0.8, 2000)
    same = process_task(JensenShannonDriftApp(), _task(rng.normal(3.0, 0.8, 500).tolist(), reference))
    moved = process_task(JensenShannonDriftApp(), _task(rng.normal(7.0, 0.8, 500).tolist(), reference))
    assert same["results"][0]["status"] == 0 and same["results"][0]["value"] < 0.2
    assert moved["results"][0]["status"] == 2 and moved["results"][0]["value"] > 0.8
    assert moved["artifacts"][0]["name"] == "jensen_shannon_scores"


def test_an_empty_window_and_an_app_exception():
    empty = process_task(CountApp(), {"sample": {}, "feature_names": ["x"]})
    assert empty["metrics"] == [{"name": "count", "value": 0.0}]
    broken = process_task(JensenShannonDriftApp(), {"sample": {"x": ["not a number"]}, "feature_names": ["x"],
                                                    "feature_stats": {"x": {"hist": [[1], [0.0, 1.0]]}}})
    assert broken["error"].startswith("ValueError")
