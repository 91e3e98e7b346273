"""The entry points: a Client for one server and MLRun's module-level project functions."""

from ._http import Http
from .errors import ConflictError, NotFoundError
from .project import Project


class Client:
    """A client of one Driftwatch server (``url`` or ``$DRIFTWATCH_URL``, default http://localhost:8080).

    ``access_key`` (or ``$DRIFTWATCH_ACCESS_KEY``) is sent as ``Authorization: Bearer <key>``.
    """

    def __init__(self, url=None, access_key=None, timeout=60.0):
        self.http = Http(url, access_key, timeout)

    def health(self):
        return self.http.call("GET", "/healthz")

    def list_projects(self):
        return self.http.call("GET", "/projects")

    def get_project(self, name):
        """The project ``name``; raises NotFoundError when it does not exist."""
        return Project(self, name, self.http.call("GET", f"/projects/{name}"))

    def new_project(self, name):
        """Creates the project ``name``; raises ConflictError when it exists."""
        return Project(self, name, self.http.call("POST", "/projects", {"name": name}))

    def get_or_create_project(self, name):
        try:
            return self.get_project(name)
        except NotFoundError:
            try:
                return self.new_project(name)
            except ConflictError:  # created concurrently
                return self.get_project(name)

    def delete_project(self, name, deletion_strategy="restricted"):
        """MLRun's ``delete_project``: ``"cascading"`` deletes the project with all its data (endpoints, models,
        results, rows, artifacts, alerts, settings); ``"restricted"`` (the default) only an empty project and
        raises ConflictError otherwise."""
        return self.http.call("DELETE", f"/projects/{name}", None, {"deletion_strategy": deletion_strategy})

    # --- access keys (issue 18): the project's admin key or the server admin key ------------------------------
    def create_access_key(self, project, role):
        """Creates a key of ``project`` with ``role`` (``viewer``, ``ingest``, ``editor`` or ``admin``).

        The answer ``{"id", "key", "prefix", "role", "project", "created"}`` is the only place the key is shown."""
        return self.http.call("POST", f"/projects/{project}/access-keys", {"role": role})

    def list_access_keys(self, project):
        """The keys of ``project``: ``[{"id", "prefix", "role", "project", "created"}]`` (never a key)."""
        return self.http.call("GET", f"/projects/{project}/access-keys")["access_keys"]

    def rotate_access_key(self, project, key_id):
        """Replaces the key ``key_id`` by a new key of the same role (in the answer, shown once, with
        ``"replaces": key_id``); the old key stops working at once."""
        return self.http.call("POST", f"/projects/{project}/access-keys/{key_id}/rotate")

    def revoke_access_key(self, project, key_id):
        """Revokes the key ``key_id`` of ``project``: it stops working at once (NotFoundError if there is none)."""
        self.http.call("DELETE", f"/projects/{project}/access-keys/{key_id}")

    def rotate_admin_key(self):
        """Replaces the server's generated admin key (this client must hold it); returns the new key, which this
        client then uses. A key from ``--admin-key-file`` or ``DRIFTWATCH_ADMIN_KEY`` raises ConflictError."""
        key = self.http.call("POST", "/admin-key/rotate")["key"]
        self.http.key = key
        return key

    def audit(self, project=None, since=None, until=None, actor=None, limit=None):
        """The audit log, newest first: ``project``'s entries (its admin key) or every entry (the server admin key).

        ``since`` (inclusive) and ``until`` (exclusive) are datetimes or the API's forms (``"now-1d"``, ISO-8601),
        ``actor`` a key prefix ``dw_<id>`` or ``"admin"``; each entry has ``time, actor, role, method, route,
        project, status, remote``."""
        params = {"since": since, "until": until, "actor": actor, "limit": limit}
        if project is None:
            return self.http.call("GET", "/audit", None, params)["entries"]
        return self.http.call("GET", f"/projects/{project}/audit", None, params)["entries"]


def get_or_create_project(name, context=None, url=None, access_key=None, **mlrun_args):
    """MLRun's ``mlrun.get_or_create_project``: the project ``name``, created when missing.

    ``context``, ``user_project``, ``parameters`` and other MLRun-only arguments are ignored.
    """
    return Client(url, access_key).get_or_create_project(name)


def get_project(name, url=None, access_key=None):
    return Client(url, access_key).get_project(name)


def new_project(name, context=None, url=None, access_key=None, **mlrun_args):
    return Client(url, access_key).new_project(name)
