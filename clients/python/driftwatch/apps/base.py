"""The app SPI with MLRun's names: the base class, the context, results, metrics, kinds and statuses."""

import base64
import enum
import logging
from dataclasses import dataclass, field
from datetime import datetime

from .. import frames


class ResultKindApp(enum.IntEnum):
    """What a result is about (MLRun's codes)."""
    data_drift = 0
    concept_drift = 1
    model_performance = 2
    system_performance = 3
    mm_app_anomaly = 4


class ResultStatusApp(enum.IntEnum):
    """A result's verdict (MLRun's codes)."""
    irrelevant = -1
    no_detection = 0
    potential_detection = 1
    detected = 2


@dataclass
class ModelMonitoringApplicationResult:
    """A result of one window: a value with a kind and a status (drives drift status and alerts)."""
    name: str
    value: float
    kind: ResultKindApp = ResultKindApp.data_drift
    status: ResultStatusApp = ResultStatusApp.no_detection
    extra_data: dict = field(default_factory=dict)

    def to_dict(self):
        return {"name": self.name, "value": float(self.value), "kind": int(self.kind), "status": int(self.status),
                "extra_data": dict(self.extra_data or {})}


@dataclass
class ModelMonitoringApplicationMetric:
    """A plain numeric metric of one window."""
    name: str
    value: float

    def to_dict(self):
        return {"name": self.name, "value": float(self.value)}


class MonitoringApplicationContext:
    """What ``do_tracking`` receives for one endpoint-window (MLRun's ``MonitoringApplicationContext``).

    ``sample_df`` holds the window's rows (a DataFrame with pandas, else a dict of columns), ``feature_stats``
    the reference statistics of the training set (DESIGN.md §5 JSON), ``start_infer_time``/``end_infer_time``
    the window, ``endpoint_id``/``endpoint_name`` the endpoint. ``log_artifact(key, body)`` stores an artifact
    of the window (shown by the UI under the endpoint).
    """

    def __init__(self, task, logger=None):
        self.project_name = task.get("project")
        self.application_name = task.get("application_name")
        self.endpoint_id = task.get("endpoint_id")
        self.endpoint_name = task.get("endpoint_name")
        self.start_infer_time = _time(task.get("start_infer_time"))
        self.end_infer_time = _time(task.get("end_infer_time"))
        self.feature_names = list(task.get("feature_names") or [])
        self.label_names = list(task.get("label_names") or [])
        self.feature_stats = task.get("feature_stats") or {}
        self.sample_df = _sample(task.get("sample") or {})
        self.logger = logger or logging.getLogger(f"driftwatch.apps.{self.application_name}")
        self.artifacts = []

    def log_artifact(self, key, body=None, content_type=None, **mlrun_args):
        """Stores an artifact of this window: ``body`` as text, bytes, or a dict/list (written as JSON)."""
        import json
        if isinstance(body, (dict, list)):
            body, content_type = json.dumps(body), content_type or "application/json"
        if isinstance(body, str):
            body = body.encode()
        if body is None:
            raise ValueError("log_artifact needs a body")
        guess = "text/html" if body.lstrip()[:1] == b"<" else "text/plain"
        self.artifacts.append({"name": key, "content_type": content_type or guess,
                               "content_base64": base64.b64encode(bytes(body)).decode()})


class ModelMonitoringApplicationBase:
    """Base class of Python monitoring apps: implement ``do_tracking(self, monitoring_context)`` returning a
    result, a metric, or a list of them (MLRun's ``ModelMonitoringApplicationBase``)."""

    def do_tracking(self, monitoring_context):
        raise NotImplementedError("a monitoring app implements do_tracking(self, monitoring_context)")


def _time(text):
    if not text:
        return None
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if frames.has_pandas():
        import pandas as pd
        return pd.Timestamp(t)
    return t


def _sample(columns):
    if not frames.has_pandas():
        return columns
    import pandas as pd
    df = pd.DataFrame(columns)
    if "timestamp" in df:
        df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True, format="ISO8601")
    return df
