"""A small HTTP layer over urllib: JSON in and out, multipart uploads, and error answers as exceptions."""

import json
import os
import uuid
from urllib import error, parse, request

from .errors import ConflictError, DriftwatchError, NotFoundError

DEFAULT_URL = "http://localhost:8080"


def server_url(url=None):
    """The server's base URL: ``url`` if given, else ``$DRIFTWATCH_URL``, else http://localhost:8080."""
    return (url or os.environ.get("DRIFTWATCH_URL") or DEFAULT_URL).rstrip("/")


def access_key(key=None):
    """The access key: ``key`` if given, else ``$DRIFTWATCH_ACCESS_KEY`` (None when neither is set)."""
    return key or os.environ.get("DRIFTWATCH_ACCESS_KEY") or None


def query(params):
    """A query string (with its leading '?') from a dict; None values are left out, lists repeat the name."""
    pairs = []
    for k, v in (params or {}).items():
        for item in v if isinstance(v, (list, tuple)) else [v]:
            if item is not None:
                pairs.append((k, _text(item)))
    return "?" + parse.urlencode(pairs) if pairs else ""


def _text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def _raise_for(status, body):
    code, message = "http_error", body.decode("utf-8", "replace")[:2000]
    try:
        err = json.loads(body).get("error", {})
        code, message = err.get("code", code), err.get("message", message)
    except (ValueError, AttributeError):
        pass
    cls = {404: NotFoundError, 409: ConflictError}.get(status, DriftwatchError)
    raise cls(status, code, message)


class Http:
    """Sends requests to ``{url}/api/v1`` with the access key as ``Authorization: Bearer``."""

    def __init__(self, url=None, key=None, timeout=60.0):
        self.url = server_url(url)
        self.base = self.url + "/api/v1"
        self.key = access_key(key)
        self.timeout = timeout

    def headers(self, extra=None):
        h = {"Accept": "application/json"}
        if self.key:
            h["Authorization"] = "Bearer " + self.key
        h.update(extra or {})
        return h

    def raw(self, method, path, body=None, content_type=None, params=None, timeout=None):
        """Sends a request and returns (status, headers, body bytes); error statuses raise DriftwatchError."""
        extra = {"Content-Type": content_type} if content_type else {}
        req = request.Request(self.base + path + query(params), data=body, method=method,
                              headers=self.headers(extra))
        try:
            with request.urlopen(req, timeout=timeout or self.timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except error.HTTPError as e:
            _raise_for(e.code, e.read())
        except (error.URLError, OSError) as e:
            raise DriftwatchError(0, "unreachable", f"{self.url}: {getattr(e, 'reason', e)}") from e

    def call(self, method, path, body=None, params=None):
        """A JSON request: ``body`` (dict/list) is sent as JSON; the JSON answer (or None) is returned."""
        data = None if body is None else json.dumps(body).encode()
        _, _, out = self.raw(method, path, data, "application/json" if data is not None else None, params)
        return json.loads(out) if out else None

    def multipart(self, path, fields, files):
        """A multipart/form-data POST: ``fields`` name → text, ``files`` name → (filename, bytes)."""
        boundary = "----driftwatch" + uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            if value is not None:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                             + _text(value).encode() + b"\r\n")
        for name, (filename, content) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        _, _, out = self.raw("POST", path, body, "multipart/form-data; boundary=" + boundary)
        return json.loads(out) if out else None
