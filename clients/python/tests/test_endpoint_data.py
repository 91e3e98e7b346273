"""read_endpoint_data (Parquet route → DataFrame) matches the CSV route row for row."""

import io

import pandas as pd

import driftwatch
from conftest import eventually
from test_tutorial_flow import ROWS, _track_iris


def test_read_endpoint_data_matches_csv_route(server_url):
    project = driftwatch.get_or_create_project("data-read", url=server_url)
    project.log_model("iris", training_set=ROWS, label_column="label")
    tracker = project.tracker("iris", batch_size=64)
    _track_iris(tracker)
    assert tracker.flush(30)
    uid = eventually(lambda: [e["metadata"]["uid"] for e in project.list_model_endpoints()
                              if len(project.read_endpoint_data(e["metadata"]["uid"], format="json")) == len(ROWS)])[0]
    frame = project.read_endpoint_data(uid, start="now-2h", end="now")
    csv = pd.read_csv(io.StringIO(project.read_endpoint_data(uid, start="now-2h", end="now", format="csv")))
    assert len(frame) == len(csv) == len(ROWS)
    assert list(frame.columns) == list(csv.columns)
    frame = frame.sort_values("request_id").reset_index(drop=True)
    csv = csv.sort_values("request_id").reset_index(drop=True)
    assert (frame["request_id"].astype(str) == csv["request_id"].astype(str)).all()
    assert (pd.to_datetime(frame["timestamp"], utc=True) == pd.to_datetime(csv["timestamp"], utc=True)).all()
    for col in ["sepal_length", "sepal_width", "petal_length", "petal_width", "label"]:
        assert (frame[col].astype(float).round(9) == csv[col].astype(float).round(9)).all(), col
    by_id = dict(zip(frame["request_id"], frame["petal_width"]))
    assert by_id["r0"] == ROWS.iloc[0]["petal_width"]
