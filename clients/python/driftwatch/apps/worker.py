"""The worker loop: long-polls the server for window tasks of one Python app, runs ``do_tracking``, answers."""

import json
import logging
import threading
import traceback

from .._http import Http
from ..errors import DriftwatchError
from .base import ModelMonitoringApplicationMetric, ModelMonitoringApplicationResult, MonitoringApplicationContext

log = logging.getLogger("driftwatch.apps")


def process_task(app, task, logger=None):
    """Runs ``app.do_tracking`` on one task and returns the answer for the server (results/metrics/artifacts, or
    ``error`` naming the exception: the server records it as an mm-app-failed)."""
    context = MonitoringApplicationContext(task, logger)
    try:
        out = app.do_tracking(context)
        results, metrics = _split(out)
        return {"results": results, "metrics": metrics, "artifacts": context.artifacts}
    except Exception as e:  # the app's failure goes to the server, the worker goes on
        context.logger.warning("do_tracking failed on %s: %s", task.get("endpoint_id"), traceback.format_exc())
        return {"error": f"{type(e).__name__}: {e}"}


def _split(out):
    items = [] if out is None else list(out) if isinstance(out, (list, tuple)) else [out]
    results, metrics = [], []
    for item in items:
        if isinstance(item, ModelMonitoringApplicationResult):
            results.append(item.to_dict())
        elif isinstance(item, ModelMonitoringApplicationMetric):
            metrics.append(item.to_dict())
        else:
            raise TypeError(f"do_tracking returned {type(item).__name__}: expected ModelMonitoringApplicationResult"
                            " or ModelMonitoringApplicationMetric")
    return results, metrics


class Worker:
    """Takes the window tasks of the app ``name`` in ``project`` from the server and answers them, until stopped."""

    def __init__(self, app, project, name, url=None, access_key=None, wait=20):
        self.app = app
        self.project = project
        self.name = name
        self.wait = wait
        self.http = Http(url, access_key, timeout=wait + 30)
        self.stop_event = threading.Event()
        self.processed = 0

    def run_once(self):
        """Takes at most one task (waiting up to ``wait`` seconds); True when one was processed."""
        status, _, body = self.http.raw("GET", f"/projects/{self.project}/model-monitoring/tasks",
                                        params={"app": self.name, "wait": self.wait})
        if status == 204 or not body:
            return False
        task = json.loads(body)
        answer = process_task(self.app, task)
        answer["lease_id"] = task["lease_id"]
        try:
            self.http.call("POST", f"/projects/{self.project}/model-monitoring/tasks/{task['task_id']}/result",
                           answer)
        except DriftwatchError as e:  # lease lost or task given up: the server moved on
            log.warning("answer to task %s refused: %s", task["task_id"], e)
        self.processed += 1
        return True

    def run(self):
        """Loops until ``stop()``; connection problems are logged and retried after a pause."""
        while not self.stop_event.is_set():
            try:
                self.run_once()
            except DriftwatchError as e:
                if e.status in (400, 404):
                    raise
                log.warning("task poll failed: %s", e)
                self.stop_event.wait(2)

    def stop(self):
        self.stop_event.set()
