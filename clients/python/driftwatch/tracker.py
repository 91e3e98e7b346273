"""A tracker for Python model servers: ``track(request, response, latency)`` builds MLRun-format tracking events
(DESIGN.md §3), queues them and posts them in batches from a background thread.

The serving path never blocks and never sees an exception: when the bounded queue is full the event is dropped
and counted; a 429/503 answer (a lagging server) drops the batch and counts it; other failures count as failed.
Queued events are flushed on interpreter exit (atexit), within ``exit_timeout`` seconds.
"""

import atexit
import json
import os
import queue
import socket
import threading
import time
import uuid
import weakref
from datetime import datetime, timedelta, timezone
from urllib import error, request

from ._http import access_key as _access_key
from ._http import server_url

_BACKPRESSURE = (429, 503)


class Tracker:
    """Sends the tracking events of one model (``model``, ``function_uri``) of ``project``.

    ``batch_size`` events at most per POST; a partial batch is sent after ``flush_interval`` seconds;
    ``max_queue`` bounds the events waiting; ``timeout`` bounds one POST.
    """

    def __init__(self, project, model, function_uri=None, version=None, url=None, access_key=None, labels=None,
                 batch_size=100, flush_interval=1.0, max_queue=10000, timeout=10.0, exit_timeout=5.0,
                 model_class="PythonModel"):
        self.project = project
        self.model = model
        self.version = version
        self.function_uri = function_uri or f"{project}/{model}"
        self.labels = dict(labels or {})
        self.model_class = model_class
        self.batch_size = max(1, int(batch_size))
        self.flush_interval = flush_interval
        self.timeout = timeout
        self.exit_timeout = exit_timeout
        self._url = f"{server_url(url)}/api/v1/projects/{project}/model-monitoring/stream"
        key = _access_key(access_key)
        self._headers = {"Content-Type": "application/json", **({"Authorization": "Bearer " + key} if key else {})}
        self._host, self._worker = socket.gethostname(), str(os.getpid())
        self._queue = queue.Queue(max(1, int(max_queue)))
        self._cond = threading.Condition()
        self._pending = 0
        self._closed = False
        self.stats = {"accepted": 0, "dropped": 0, "rejected": 0, "failed": 0, "delivered": 0}
        self.last_error = None
        self._thread = threading.Thread(target=self._run, name=f"driftwatch-tracker-{model}", daemon=True)
        self._thread.start()
        ref = weakref.ref(self)
        atexit.register(lambda: ref() is not None and ref().close())

    # --- serving path --------------------------------------------------------------------------------------
    def track(self, request, response, latency, when=None, request_id=None, metrics=None, op="infer"):
        """Queues one request/response pair. ``request``: a dict with ``inputs`` (a row or a list of rows, or
        Open Inference Protocol v2 tensors) or the rows themselves; ``response``: a dict with ``outputs`` or the
        outputs; ``latency``: seconds (float) or a timedelta. Returns True when queued, False when dropped."""
        try:
            return self._offer(self._event(request, response, latency, when, request_id, metrics, op))
        except Exception as e:  # never raise into the serving path
            self._count("failed", 1, e)
            return False

    def track_error(self, request, error_message, when=None, request_id=None):
        """Queues an error event (counted by the server in the endpoint's error_count)."""
        try:
            event = self._base(request, when or datetime.now(timezone.utc), request_id, "infer")
            event["error"] = str(error_message)
            return self._offer(event)
        except Exception as e:
            self._count("failed", 1, e)
            return False

    def _offer(self, event):
        with self._cond:
            if self._closed:
                self.stats["dropped"] += 1
                return False
            try:
                self._queue.put_nowait(event)
            except queue.Full:
                self.stats["dropped"] += 1
                return False
            self._pending += 1
            self.stats["accepted"] += 1
            return True

    def _event(self, req, resp, latency, when, request_id, metrics, op):
        seconds = latency.total_seconds() if isinstance(latency, timedelta) else float(latency)
        start = when or (datetime.now(timezone.utc) - timedelta(seconds=seconds))
        event = self._base(req, start, request_id, op)
        rid = event["request"]["id"]
        outputs = _outputs(resp)
        event["resp"] = {"id": rid, "model_name": self.model, "outputs": outputs,
                         "timestamp": _iso(start + timedelta(seconds=seconds))}
        if self.version:
            event["resp"]["model_version"] = self.version
        event["microsec"] = int(round(seconds * 1_000_000))
        if metrics:
            event["metrics"] = dict(metrics)
        return event

    def _base(self, req, start, request_id, op):
        rid = request_id or (req.get("id") if isinstance(req, dict) else None) or uuid.uuid4().hex
        event = {"class": self.model_class, "worker": self._worker, "model": self.model, "host": self._host,
                 "function_uri": self.function_uri, "op": op, "when": _iso(start),
                 "request": {"id": str(rid), "inputs": _inputs(req)}}
        if self.version:
            event["version"] = self.version
        if self.labels:
            event["labels"] = self.labels
        return event

    # --- background sender ---------------------------------------------------------------------------------
    def _run(self):
        while True:
            try:
                batch = [self._queue.get(timeout=self.flush_interval)]
            except queue.Empty:
                if self._closed:
                    return
                continue
            while len(batch) < self.batch_size:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._send(batch)
            except Exception as e:  # the sender thread must survive anything
                self._count("failed", len(batch), e)
            finally:
                with self._cond:
                    self._pending -= len(batch)
                    self._cond.notify_all()

    def _send(self, batch):
        encoded = []
        for e in batch:
            try:
                encoded.append(json.dumps(e, default=_json_default, allow_nan=False))
            except (TypeError, ValueError) as ex:
                self._count("failed", 1, ex)
        if not encoded:
            return
        body = ("[" + ",".join(encoded) + "]").encode()
        req = request.Request(self._url, data=body, method="POST", headers=self._headers)
        try:
            with request.urlopen(req, timeout=self.timeout) as resp:
                resp.read()
            self._count("delivered", len(encoded))
        except error.HTTPError as e:
            kind = "rejected" if e.code in _BACKPRESSURE else "failed"
            self._count(kind, len(encoded), f"HTTP {e.code}: {e.read()[:500].decode('utf-8', 'replace')}")
        except (OSError, error.URLError) as e:
            self._count("failed", len(encoded), e)

    def _count(self, kind, n, err=None):
        with self._cond:
            self.stats[kind] += n
            if err is not None:
                self.last_error = str(err)

    # --- lifecycle -----------------------------------------------------------------------------------------
    @property
    def dropped(self):
        """Events not delivered because of back-pressure: queue full (``dropped``) plus 429/503 (``rejected``)."""
        return self.stats["dropped"] + self.stats["rejected"]

    def flush(self, timeout=None):
        """Waits until every queued event was sent (or given up); True when nothing is pending."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._pending > 0:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
            return True

    def close(self, timeout=None):
        """Stops accepting events, flushes what is queued (within ``timeout``, default ``exit_timeout``)."""
        with self._cond:
            if self._closed:
                return self._pending == 0
            self._closed = True
        done = self.flush(self.exit_timeout if timeout is None else timeout)
        self._thread.join(0.1 if not done else self.flush_interval + 1)
        return done

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _iso(t):
    return t.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _inputs(req):
    rows = req.get("inputs", req.get("instances")) if isinstance(req, dict) else req
    return _v2_rows(rows)


def _outputs(resp):
    out = resp.get("outputs", resp.get("predictions")) if isinstance(resp, dict) else resp
    return _v2_rows(out)


def _v2_rows(value):
    """Open Inference Protocol v2 tensors ([{"name","shape","data"}]) → rows of the first tensor; else as given."""
    value = value.tolist() if hasattr(value, "tolist") else value
    if isinstance(value, list) and value and isinstance(value[0], dict) and "data" in value[0]:
        t = value[0]
        data, shape = list(t["data"]), t.get("shape") or [len(t["data"])]
        if len(shape) >= 2 and shape[0] > 0:
            width = len(data) // shape[0]
            return [data[i * width:(i + 1) * width] for i in range(shape[0])]
        return data
    return value


def _json_default(o):
    if hasattr(o, "tolist"):
        return o.tolist()
    if hasattr(o, "item"):
        return o.item()
    if isinstance(o, datetime):
        return _iso(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")
