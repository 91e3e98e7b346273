"""Session fixture: a real Driftwatch server (cli/target/driftwatch.jar, built once when missing) on a free port."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib import request

import pytest

ROOT = Path(__file__).resolve().parents[3]
JAR = ROOT / "cli" / "target" / "driftwatch.jar"
IRIS = ROOT / "examples" / "iris"


def _java_home():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return home
    return "/usr/lib/jvm/temurin-25-jdk-amd64"


def _build_jar():
    env = dict(os.environ, JAVA_HOME=_java_home())
    subprocess.run(["./mvnw", "-B", "-q", "-DskipTests", "-pl", "cli", "-am", "package"], cwd=ROOT, env=env,
                   check=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url, proc, log, deadline_s=120):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"driftwatch serve exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with request.urlopen(url + "/api/v1/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"driftwatch serve did not answer /healthz in {deadline_s}s:\n{log.read_text()[-4000:]}")


def _serve(tmp_path_factory, name, extra_args=()):
    """Starts ``driftwatch serve`` (extra_args appended) on a free port; yields (url, log path); stops it after."""
    if not JAR.exists():
        _build_jar()
    data = tmp_path_factory.mktemp(name)
    log = data.parent / (name + ".log")
    port = _free_port()
    java = str(Path(_java_home()) / "bin" / "java")
    cmd = [java, "--enable-native-access=ALL-UNNAMED", "-jar", str(JAR), "serve", "--port", str(port),
           "--data-dir", str(data), "--flush-interval", "1s", "--grace", "1s", *extra_args]
    env = {k: v for k, v in os.environ.items() if k not in ("DRIFTWATCH_ADMIN_KEY", "DRIFTWATCH_ACCESS_KEY")}
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url, log
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """The base URL of a Driftwatch server run for this test session (flushes Parquet every second, grace 1s)."""
    for url, _ in _serve(tmp_path_factory, "driftwatch-data"):
        yield url


@pytest.fixture(scope="module")
def secure_server(tmp_path_factory):
    """A server with ``--auth required`` and a generated admin key, read from its log where the first start prints
    it once: ``{"url", "admin_key"}`` (a test that rotates the admin key stores the new one here)."""
    for url, log in _serve(tmp_path_factory, "driftwatch-secure", ("--auth", "required")):
        lines = log.read_text().splitlines()
        keys = [ln.strip() for ln in lines if ln.strip().startswith("dwa_")]
        assert len(keys) == 1, "the generated admin key is printed once:\n" + "\n".join(lines[-20:])
        yield {"url": url, "admin_key": keys[0]}


def eventually(check, timeout=60.0, interval=0.3):
    """Polls ``check()`` until it returns a truthy value (returned) or ``timeout`` passes (AssertionError)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except AssertionError as e:
            last = e
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s (last: {last!r})")
