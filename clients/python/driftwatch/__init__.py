"""Driftwatch's Python client with MLRun's names.

    import driftwatch as mlrun            # an MLRun notebook ports by changing the import
    project = mlrun.get_or_create_project("demo")
    project.enable_model_monitoring(base_period=10)

The server is ``$DRIFTWATCH_URL`` (default http://localhost:8080) unless given as ``url=``. The core uses the
standard library only; pandas and pyarrow are used when present (DataFrames, Parquet).
"""

from .client import Client, get_or_create_project, get_project, new_project
from .errors import ConflictError, DriftwatchError, NotFoundError
from .project import Project
from .tracker import Tracker

__all__ = ["Client", "Project", "Tracker", "DriftwatchError", "NotFoundError", "ConflictError",
           "get_or_create_project", "get_project", "new_project"]
__version__ = "0.1.0"
