"""The tracker under back-pressure: a stalled server, 429 answers; and the Bearer access key."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import driftwatch
from driftwatch import Tracker


@pytest.fixture
def stalled_url():
    """A server that accepts connections and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(128)
    held, stop = [], threading.Event()

    def accept():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(2)
    for c in held:
        c.close()
    srv.close()


class _Recorder(BaseHTTPRequestHandler):
    status = 202
    seen = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.path, dict(self.headers), json.loads(body) if body else None))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"accepted": 1, "offset": 0}' if self.status == 202
                         else b'{"error": {"code": "too_many_requests", "message": "processor lag"}}')

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    handler = type("Handler", (_Recorder,), {"seen": []})
    srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_stalled_server_never_blocks_the_serving_path(stalled_url):
    tracker = Tracker("p", "m", url=stalled_url, batch_size=10, max_queue=50, timeout=30, exit_timeout=0.5)
    slowest, start = 0.0, time.perf_counter()
    for i in range(2000):
        t0 = time.perf_counter()
        tracker.track({"inputs": [[i, 1.0]]}, {"outputs": [0]}, 0.001)
        slowest = max(slowest, time.perf_counter() - t0)
    # a blocking tracker would wait for the 30 s POST timeout; scheduling noise on a busy machine stays far below
    assert slowest < 0.5, f"a track() call took {slowest:.3f}s"
    assert time.perf_counter() - start < 2.0
    # one batch is in flight (stalled), the queue holds 50: everything else was dropped and counted
    assert tracker.stats["dropped"] >= 2000 - 50 - 10
    assert tracker.stats["accepted"] + tracker.stats["dropped"] == 2000
    assert tracker.stats["delivered"] == 0
    t0 = time.monotonic()
    assert tracker.close() is False  # could not deliver within exit_timeout
    assert time.monotonic() - t0 < 2


def test_track_never_raises_into_the_serving_path(recorder):
    handler, url = recorder
    tracker = Tracker("p", "m", url=url, batch_size=10)
    assert tracker.track(object(), {"outputs": [1]}, "not a number") is False
    assert tracker.track({"inputs": [[float("nan")]]}, {"outputs": [1]}, 0.001) is True  # NaN: not JSON
    assert tracker.flush(10)
    assert tracker.stats["failed"] == 2 and tracker.stats["delivered"] == 0
    tracker.close()


def test_429_answers_are_counted_as_dropped(recorder):
    handler, url = recorder
    handler.status = 429
    tracker = Tracker("p", "m", url=url, batch_size=5, flush_interval=0.05)
    for i in range(12):
        tracker.track({"inputs": [[i]]}, {"outputs": [i]}, 0.001)
    assert tracker.flush(10)
    assert tracker.stats["rejected"] == 12 and tracker.dropped == 12
    assert "processor lag" in tracker.last_error
    tracker.close()


def test_events_have_mlrun_format_and_bearer_key(recorder):
    handler, url = recorder
    tracker = Tracker("proj", "iris", function_uri="proj/serving", version="v2", url=url, access_key="s3cret",
                      labels={"env": "test"}, batch_size=100, flush_interval=0.05)
    tracker.track({"id": "req-1", "inputs": [[5.1, 3.5, 1.4, 0.2], [6.0, 2.2, 5.0, 1.5]]}, {"outputs": [0, 2]}, 1.25)
    tracker.track({"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP32", "data": [1, 2, 3, 4]}]},
                  {"outputs": [{"name": "label", "shape": [2], "datatype": "INT64", "data": [7, 8]}]}, 0.01)
    assert tracker.flush(10)
    tracker.close()
    path, headers, _ = handler.seen[0]
    events = [e for _, _, batch in handler.seen for e in batch]
    assert path == "/api/v1/projects/proj/model-monitoring/stream"
    assert headers["Authorization"] == "Bearer s3cret"
    first, second = events
    assert first["model"] == "iris" and first["version"] == "v2" and first["function_uri"] == "proj/serving"
    assert first["request"] == {"id": "req-1", "inputs": [[5.1, 3.5, 1.4, 0.2], [6.0, 2.2, 5.0, 1.5]]}
    assert first["resp"]["outputs"] == [0, 2] and first["resp"]["id"] == "req-1"
    assert first["microsec"] == 1_250_000 and first["labels"] == {"env": "test"}
    assert first["when"].endswith("+00:00") and len(first["when"].split(".")[1]) == len("123456+00:00")
    assert second["request"]["inputs"] == [[1, 2], [3, 4]] and second["resp"]["outputs"] == [7, 8]


def test_client_sends_the_access_key_from_the_environment(recorder, monkeypatch):
    handler, url = recorder
    monkeypatch.setenv("DRIFTWATCH_URL", url)
    monkeypatch.setenv("DRIFTWATCH_ACCESS_KEY", "env-key")
    driftwatch.Client().health()
    path, headers, _ = handler.seen[-1]
    assert path == "/api/v1/healthz" and headers["Authorization"] == "Bearer env-key"
