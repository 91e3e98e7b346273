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


def get_or_create_project(name, context=None, url=None, access_key=None, **mlrun_args):
    """MLRun's ``mlrun.get_or_create_project``: the project ``name``, created when missing.

    ``context``, ``user_project``, ``parameters`` and other MLRun-only arguments are ignored.
    """
    return Client(url, access_key).get_or_create_project(name)


def get_project(name, url=None, access_key=None):
    return Client(url, access_key).get_project(name)


def new_project(name, context=None, url=None, access_key=None, **mlrun_args):
    return Client(url, access_key).new_project(name)
