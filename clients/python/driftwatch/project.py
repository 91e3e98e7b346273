"""A project with MLRun's method names (``MlrunProject``'s model-monitoring part) over the Driftwatch REST API."""

import re

from . import frames
from .errors import NotFoundError

_MLRUN_DEPLOYMENT_ARGS = ("image", "wait_for_deployment", "rebuild_images", "fetch_credentials_from_sys_config",
                          "with_repo", "tag", "requirements", "requirements_file", "handler", "access_key")


class Project:
    """One Driftwatch project. Obtain it with :func:`driftwatch.get_or_create_project`.

    Arguments that only matter to MLRun's Kubernetes deployments (``image``, ``wait_for_deployment``, ...) are
    accepted and ignored, so that a notebook ports by changing its import.
    """

    def __init__(self, client, name, record=None):
        self.client = client
        self.name = name
        self.record = record or {}

    def __repr__(self):
        return f"Project({self.name!r}, url={self.client.http.url!r})"

    def _path(self, suffix=""):
        return f"/projects/{self.name}{suffix}"

    def _call(self, method, suffix, body=None, params=None):
        return self.client.http.call(method, self._path(suffix), body, params)

    # --- monitoring settings -------------------------------------------------------------------------------
    def enable_model_monitoring(self, base_period=10, deploy_histogram_data_drift_app=True, min_rows=None,
                                reanalyze_late=None, **mlrun_args):
        """Enables monitoring with windows of ``base_period`` minutes (or a duration such as ``"30s"``).

        Beyond MLRun: ``min_rows`` (the built-in apps' minimum window size, default 100 on the server; a smaller
        window's result is ``irrelevant``) and ``reanalyze_late`` (analyse a window again when late rows arrive).
        """
        _ignore(mlrun_args)
        return self._call("POST", "/model-monitoring/enable-model-monitoring", params={
            "base_period": base_period, "deploy_histogram_data_drift_app": deploy_histogram_data_drift_app,
            "min_rows": min_rows, "reanalyze_late": reanalyze_late})

    def disable_model_monitoring(self, delete_resources=True, delete_stream_function=False,
                                 delete_histogram_data_drift_app=True, delete_user_applications=False,
                                 user_application_list=None, **mlrun_args):
        """Disables monitoring; deletes the default app unless told not to, user apps only when asked."""
        _ignore(mlrun_args)
        return self._call("DELETE", "/model-monitoring/disable-model-monitoring", params={
            "delete_histogram_data_drift_app": delete_histogram_data_drift_app,
            "delete_user_applications": delete_user_applications,
            "user_application_list": ",".join(user_application_list) if user_application_list else None})

    def update_model_monitoring_controller(self, base_period=10, min_rows=None, reanalyze_late=None, **mlrun_args):
        """Changes the window length (minutes, or a duration such as ``"30s"``), and optionally ``min_rows`` and
        ``reanalyze_late`` (see :meth:`enable_model_monitoring`)."""
        _ignore(mlrun_args)
        return self._call("PATCH", "/model-monitoring/model-monitoring-controller",
                          params={"base_period": base_period, "min_rows": min_rows, "reanalyze_late": reanalyze_late})

    def set_model_monitoring_credentials(self, access_key=None, stream_path=None, tsdb_connection=None,
                                         endpoint_store_connection=None, replace_creds=False, **mlrun_args):
        """Sets where the stream, the time series and the endpoint records live (``embedded`` or URLs)."""
        _ignore(mlrun_args)
        body = {k: v for k, v in {"stream_path": stream_path, "tsdb_connection": tsdb_connection,
                                  "endpoint_store_connection": endpoint_store_connection}.items() if v is not None}
        body["replace_creds"] = bool(replace_creds)
        return self._call("POST", "/model-monitoring/set-model-monitoring-credentials", body)

    def get_model_monitoring_settings(self):
        """enabled, base_period and the credentials."""
        return self._call("GET", "/model-monitoring/settings")

    def run_model_monitoring_controller(self):
        """Analyses every closed window now; returns the number of windows analysed."""
        return (self._call("POST", "/model-monitoring/controller/run") or {}).get("windows", 0)

    # --- monitoring applications ---------------------------------------------------------------------------
    def set_model_monitoring_function(self, func=None, application_class=None, name=None, jar=None,
                                      runtime=None, **application_kwargs):
        """Registers a monitoring app: a Java class (``application_class``, optionally from ``jar``), or with
        ``runtime="python"`` (or ``func="app.py"``) a Python app run by ``python -m driftwatch.apps`` workers
        (params ``timeout``, ``lease``). Extra keyword arguments become its ``params``."""
        body = _function_body(func, application_class, name, jar, runtime, application_kwargs)
        return self._call("POST", "/model-monitoring/functions", body)

    def create_model_monitoring_function(self, func=None, application_class=None, name=None, image=None,
                                         handler=None, with_repo=None, tag=None, requirements=None,
                                         requirements_file="", jar=None, runtime=None, **application_kwargs):
        """MLRun's ``create_model_monitoring_function``: checks the app as :meth:`set_model_monitoring_function`
        does and returns its spec (``{"name", "class_name", "params", "registered": False, "exists"}``) without
        registering it. ``image``, ``handler``, ``with_repo``, ``tag`` and ``requirements*`` are MLRun's
        deployment arguments and are ignored."""
        body = _function_body(func, application_class, name, jar, runtime, application_kwargs)
        return self._call("POST", "/model-monitoring/functions", body, {"dry_run": "true"})

    def list_model_monitoring_functions(self):
        """The registered apps: ``[{"name", "class_name", ...}]``."""
        return self._call("GET", "/model-monitoring/functions")

    def remove_model_monitoring_function(self, name):
        """Unregisters the app ``name``."""
        return self._call("DELETE", f"/model-monitoring/functions/{name}")

    # --- models and endpoints ------------------------------------------------------------------------------
    def log_model(self, key, model_file=None, training_set=None, label_column=None, framework=None,
                  version=None, validation_set=None, validation_label_column=None, prediction_column=None,
                  probability_columns=None, **mlrun_args):
        """MLRun's log_model: the training set (DataFrame, CSV/Parquet path or bytes) gives the reference
        ``feature_stats``; the optional scored ``validation_set`` (features, outputs and labels, same forms) is the
        model-performance app's reference, with its ``validation_label_column`` (default ``label_column``),
        ``prediction_column`` and ``probability_columns`` (``"class:column,..."`` or a dict class -> column);
        returns the model record."""
        for k in ("artifact_path", "labels", "tag", "metrics", "parameters", "inputs", "outputs", "model_dir"):
            mlrun_args.pop(k, None)
        _ignore(mlrun_args)
        files = {}
        if training_set is not None:
            files["training_set"] = frames.to_training_bytes(training_set)
        if model_file is not None:
            with open(model_file, "rb") as f:
                files["model_file"] = (str(model_file).replace("\\", "/").rsplit("/", 1)[-1], f.read())
        fields = {"name": key, "version": version, "framework": framework, "label_column": label_column}
        if validation_set is not None:
            files["validation_set"] = frames.to_training_bytes(validation_set)
            if isinstance(probability_columns, dict):
                probability_columns = ",".join(f"{k}:{v}" for k, v in probability_columns.items())
            fields.update({"validation_label_column": validation_label_column,
                           "prediction_column": prediction_column, "probability_columns": probability_columns})
        return self.client.http.multipart(self._path("/models"), fields, files)

    def get_model(self, key, version=None):
        """A logged model (latest version unless given)."""
        return self._call("GET", f"/models/{key}", params={"version": version})

    def list_models(self):
        return self._call("GET", "/models")

    def list_model_endpoints(self, model_name=None, function_name=None, labels=None, start=None, end=None,
                             uids=None, model=None, function=None, **mlrun_args):
        """The endpoint records (MLRun shape); filters by model, function, labels (dict or "k=v" list), time."""
        for k in ("names", "model_tag", "function_tag", "top_level", "latest_only", "tsdb_metrics", "name"):
            mlrun_args.pop(k, None)
        _ignore(mlrun_args)
        if isinstance(labels, dict):
            labels = [f"{k}={v}" for k, v in labels.items()]
        eps = self._call("GET", "/model-endpoints", params={
            "model": model_name or model, "function": function_name or function, "label": labels,
            "start": start, "end": end})
        if uids:
            eps = [e for e in eps if _uid(e) in set(uids)]
        return eps

    def get_model_endpoint(self, name=None, endpoint_id=None, feature_analysis=False, **mlrun_args):
        """One endpoint by uid (``endpoint_id`` or ``name`` when it is a uid) or by its name."""
        for k in ("function_name", "function_tag", "tsdb_metrics"):
            mlrun_args.pop(k, None)
        _ignore(mlrun_args)
        key = endpoint_id or name
        try:
            return self._call("GET", f"/model-endpoints/{key}", params={"feature_analysis": feature_analysis or None})
        except NotFoundError:
            if endpoint_id is not None:
                raise
            found = [e for e in self.list_model_endpoints() if e.get("metadata", {}).get("name") == name]
            if not found:
                raise
            return self.get_model_endpoint(endpoint_id=_uid(found[0]), feature_analysis=feature_analysis)

    def delete_model_endpoint(self, endpoint_id):
        return self._call("DELETE", f"/model-endpoints/{endpoint_id}")

    def get_model_endpoint_monitoring_metrics(self, endpoint_id, type="all"):
        """The results and metrics the apps wrote for an endpoint (``type`` results|metrics|all)."""
        return frames.table(self._call("GET", f"/model-endpoints/{endpoint_id}/metrics", params={"type": type}),
                            ["project", "app", "type", "name", "full_name"])

    def get_model_endpoint_metrics_values(self, endpoint_id, names=None, start=None, end=None):
        """Values per window (long form: full_name, type, time, value, status); all names when none given."""
        if names is None:
            names = [m["full_name"] for m in self._call("GET", f"/model-endpoints/{endpoint_id}/metrics",
                                                        params={"type": "all"})]
        if isinstance(names, str):
            names = [names]
        if not names:
            return frames.metric_values([])
        return frames.metric_values(self._call("GET", f"/model-endpoints/{endpoint_id}/metrics-values",
                                               params={"name": list(names), "start": start, "end": end}))

    def list_model_endpoint_results(self, endpoint_id, start=None, end=None):
        """The values of every app result of an endpoint (long form)."""
        names = [m["full_name"] for m in self._call("GET", f"/model-endpoints/{endpoint_id}/metrics",
                                                    params={"type": "results"})]
        return self.get_model_endpoint_metrics_values(endpoint_id, names, start, end)

    def get_model_endpoint_drift(self, uid, start=None, end=None, baseline=None):
        """The endpoint's drift over ``[start, end)`` merged from its window summaries (no row is read): per-feature
        ``tvd``/``hellinger``/``kld``, ``general_drift``, ``status``, ``rows``, ``cells`` and the ``covered`` span,
        against ``baseline`` ``"reference"`` (default), ``"previous"`` or ``"<start>/<end>"``. Default: the last week."""
        return self._call("GET", f"/model-endpoints/{uid}/drift",
                          params={"start": _time(start), "end": _time(end), "baseline": baseline})

    def get_model_endpoint_drift_series(self, uid, start=None, end=None, granularity="hour", baseline=None):
        """One drift point per ``granularity`` (``hour``, ``day``, ``week`` or ``window``) of ``[start, end)``:
        the answer's ``points`` (``start``, ``end``, ``rows``, ``general_drift``, ``status``, per-feature drift)."""
        return self._call("GET", f"/model-endpoints/{uid}/drift/series",
                          params={"start": _time(start), "end": _time(end), "granularity": granularity,
                                  "baseline": baseline})

    def read_endpoint_data(self, uid, start=None, end=None, format="parquet"):
        """The endpoint's stored rows (MLRun's get_offline_features) as a DataFrame from the Parquet route;
        ``format="json"`` gives a list of dicts without pandas, ``"csv"`` the CSV text."""
        _, _, body = self.client.http.raw("GET", self._path(f"/model-endpoints/{uid}/data"),
                                          params={"start": start, "end": end, "format": format}, timeout=300)
        if format == "parquet":
            return frames.parquet(body)
        if format == "json":
            import json
            return json.loads(body)
        return body.decode()

    # --- ingest --------------------------------------------------------------------------------------------
    def ingest(self, events):
        """Posts tracking events (a list of dicts, DESIGN.md §3) → ``{"accepted", "offset"}``."""
        return self._call("POST", "/model-monitoring/stream", list(events))

    def tracker(self, model, function_uri=None, **kwargs):
        """A :class:`driftwatch.tracker.Tracker` sending this project's events to the same server."""
        from .tracker import Tracker
        return Tracker(self.name, model=model, function_uri=function_uri, url=self.client.http.url,
                       access_key=self.client.http.key, **kwargs)

    # --- access keys and audit log (issue 18) ----------------------------------------------------------------
    def create_access_key(self, role):
        """A new key of this project with ``role``; the answer's ``key`` is shown only this once."""
        return self.client.create_access_key(self.name, role)

    def list_access_keys(self):
        return self.client.list_access_keys(self.name)

    def rotate_access_key(self, key_id):
        return self.client.rotate_access_key(self.name, key_id)

    def revoke_access_key(self, key_id):
        self.client.revoke_access_key(self.name, key_id)

    def audit(self, since=None, until=None, actor=None, limit=None):
        return self.client.audit(self.name, since, until, actor, limit)

    # --- alerts --------------------------------------------------------------------------------------------
    def store_alert_config(self, alert_data, alert_name=None):
        """Creates or replaces an alert (a dict or an object with ``to_dict()``); returns the stored config."""
        data = alert_data.to_dict() if hasattr(alert_data, "to_dict") else dict(alert_data)
        name = alert_name or data.get("name")
        if not name:
            raise ValueError("store_alert_config needs alert_name or a 'name' in alert_data")
        data.setdefault("name", name)
        data.pop("project", None)
        return self._call("PUT", f"/alerts/{name}", data)

    def get_alert_config(self, alert_name):
        return self._call("GET", f"/alerts/{alert_name}")

    def list_alerts_configs(self):
        return self._call("GET", "/alerts")

    def reset_alert_config(self, alert_name):
        return self._call("POST", f"/alerts/{alert_name}/reset")

    def enable_alert_config(self, alert_name):
        """Enables the alert (Driftwatch's own call: MLRun has no enabled flag); returns the stored config."""
        return self._call("POST", f"/alerts/{alert_name}/enable")

    def disable_alert_config(self, alert_name):
        """Disables the alert: kept with its history, but it neither fires nor notifies until enabled."""
        return self._call("POST", f"/alerts/{alert_name}/disable")

    def delete_alert_config(self, alert_name):
        return self._call("DELETE", f"/alerts/{alert_name}")

    def list_alert_activations(self, alert_name=None):
        return self._call("GET", f"/alerts/{alert_name}/activations" if alert_name else "/alert-activations")


def _uid(endpoint):
    return endpoint.get("metadata", {}).get("uid")


def _default_name(application_class, func):
    if isinstance(application_class, str):
        return re.sub(r"(?<!^)(?=[A-Z])", "-", application_class.rsplit(".", 1)[-1]).lower()
    if func:
        return str(func).rsplit("/", 1)[-1].split(".", 1)[0]
    raise ValueError("set_model_monitoring_function needs name or application_class")


def _ignore(mlrun_args):
    unknown = [k for k in mlrun_args if k not in _MLRUN_DEPLOYMENT_ARGS]
    if unknown:
        raise TypeError("unexpected argument(s): " + ", ".join(sorted(unknown)))


def _function_body(func, application_class, name, jar, runtime, application_kwargs):
    """The JSON body of ``POST …/model-monitoring/functions`` from MLRun's arguments."""
    kwargs = dict(application_kwargs)
    for k in _MLRUN_DEPLOYMENT_ARGS:
        kwargs.pop(k, None)
    body = {"name": name or _default_name(application_class, func)}
    if runtime is None and func is not None and str(func).endswith(".py"):
        runtime = "python"  # MLRun's func="app.py": a Python app, run by python -m driftwatch.apps
    if runtime == "python":
        kwargs.setdefault("python_app", f"{func or ''}:{application_class or ''}")
        application_class = None
    if runtime is not None:
        body["runtime"] = runtime
    if application_class is not None:
        body["class_name"] = application_class if isinstance(application_class, str) \
            else type(application_class).__name__
    if jar is not None:
        body["jar"] = jar
    if kwargs:
        body["params"] = {k: str(v) for k, v in kwargs.items()}
    return body


def _time(t):
    """A time parameter: datetimes as ISO-8601 (naive ones taken as UTC), anything else as given."""
    if hasattr(t, "isoformat"):
        if getattr(t, "tzinfo", None) is None:
            from datetime import timezone
            t = t.replace(tzinfo=timezone.utc)
        return t.isoformat()
    return t
