"""Exceptions raised by the client: they carry the server's status, error code and message."""


class DriftwatchError(Exception):
    """An error answer of the Driftwatch server (``{"error": {"code", "message"}}``) or a transport failure.

    ``status`` is the HTTP status (0 when the server could not be reached), ``code`` the server's error code
    and ``message`` its message, which names the field or id at fault.
    """

    def __init__(self, status, code, message):
        super().__init__(f"HTTP {status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class NotFoundError(DriftwatchError):
    """A 404 answer: an unknown project, endpoint, model, app or alert."""


class ConflictError(DriftwatchError):
    """A 409 answer: the thing exists already, or a stored setting differs (e.g. credentials without replace_creds)."""
