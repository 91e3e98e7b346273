"""``python -m driftwatch.apps --app module:Class --project p [--name n] [--server URL] [--register]``."""

import argparse
import importlib
import logging
import re
import sys

from ..client import Client
from .worker import Worker


def load_app(spec, params):
    """An instance of ``module:Class`` (``params`` as keyword arguments when given)."""
    module, _, cls = spec.partition(":")
    if not module or not cls:
        raise SystemExit(f"--app must be module:Class, got '{spec}'")
    sys.path.insert(0, ".")
    target = getattr(importlib.import_module(module), cls)
    return target(**params) if params else target()


def default_name(spec):
    cls = spec.partition(":")[2]
    return re.sub(r"(?<!^)(?=[A-Z])", "-", cls).lower().strip("-")


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m driftwatch.apps", description=__doc__)
    p.add_argument("--app", required=True, help="the app class, module:Class")
    p.add_argument("--project", required=True)
    p.add_argument("--name", help="the registered app name (default: the class name in kebab case)")
    p.add_argument("--server", help="server URL (default $DRIFTWATCH_URL or http://localhost:8080)")
    p.add_argument("--access-key", help="default $DRIFTWATCH_ACCESS_KEY")
    p.add_argument("--register", action="store_true", help="register the app (runtime python) before running")
    p.add_argument("--param", action="append", default=[], help="k=v passed to the app's constructor")
    p.add_argument("--wait", type=int, default=20, help="long-poll seconds (max 30)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    params = dict(kv.split("=", 1) for kv in args.param)
    app = load_app(args.app, params)
    name = args.name or default_name(args.app)
    if args.register:
        Client(args.server, args.access_key).get_project(args.project).set_model_monitoring_function(
            name=name, runtime="python")
    worker = Worker(app, args.project, name, args.server, args.access_key, args.wait)
    logging.getLogger("driftwatch.apps").info("worker of app '%s' in project '%s' on %s", name, args.project,
                                              worker.http.url)
    try:
        worker.run()
    except KeyboardInterrupt:
        worker.stop()


if __name__ == "__main__":
    main()
