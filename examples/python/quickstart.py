"""Driftwatch quickstart, notebook style: MLRun's model-monitoring tutorial with the Python client.

Run a server in another terminal (from the repository root) and this script:

    ./driftwatch serve                                  # http://localhost:8080, data in ./driftwatch-data
    python3 -m pip install ./clients/python pandas pyarrow
    python3 examples/python/quickstart.py

It logs the iris model with its training set, enables monitoring with 10-minute windows, sends an hour of
(shifted, so drifting) predictions through the tracker, runs the controller, registers a Python app
(examples/python/count_app.py) and prints the drift results. Set DRIFTWATCH_URL for another server.
"""

import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import driftwatch  # an MLRun notebook would say: import mlrun
from driftwatch.apps import Worker

HERE = Path(__file__).resolve().parent
IRIS = HERE.parent / "iris"
sys.path.insert(0, str(HERE))
from count_app import CountApp  # noqa: E402

# %% 1. The project, the model and its reference statistics (from the training set)
project = driftwatch.get_or_create_project("quickstart")
model = project.log_model("iris", model_file=str(IRIS / "iris_rf.onnx"), training_set=str(IRIS / "iris.csv"),
                          label_column="label", framework="onnx")
print("logged", model["name"], "features:", model["feature_names"])

# %% 2. Monitoring on: 10-minute windows and the default histogram-data-drift app
# min_rows=20: this hour of 150 requests gives ~27 rows per 10-minute window, below the default minimum of 100
project.enable_model_monitoring(base_period=10, deploy_histogram_data_drift_app=True, min_rows=20)

# %% 3. A model server would call tracker.track(request, response, latency) per request; here an hour of
#       past requests, shifted by +1.5 so that the drift app has something to find
tracker = project.tracker("iris", function_uri="quickstart/iris-server")
rows = [line.split(",") for line in (IRIS / "iris.csv").read_text().splitlines()[1:]]
start = datetime.now(timezone.utc) - timedelta(hours=1)
for i, row in enumerate(rows):
    features = [float(x) + 1.5 for x in row[:4]]
    tracker.track({"inputs": [features]}, {"outputs": [int(row[4])]}, latency=0.003,
                  when=start + timedelta(seconds=22 * i))
tracker.flush(30)
print("tracker:", tracker.stats)

# %% 4. Wait until the stream processor stored the rows (it writes Parquet every flush-interval, 60 s by default)
endpoint_id = None
deadline = time.monotonic() + 180
while time.monotonic() < deadline:
    endpoints = project.list_model_endpoints(model_name="iris")
    if endpoints and len(project.read_endpoint_data(endpoints[0]["metadata"]["uid"], format="json")) >= len(rows):
        endpoint_id = endpoints[0]["metadata"]["uid"]
        break
    print("waiting for the processor to store the rows...")
    time.sleep(5)
if endpoint_id is None:
    sys.exit("the rows did not arrive; is the server running and reachable at DRIFTWATCH_URL?")
print("endpoint", endpoint_id)

# %% 5. A Python monitoring app, run by a worker (usually its own process: python -m driftwatch.apps ...)
project.set_model_monitoring_function(name="count-app", runtime="python")
worker = Worker(CountApp(), project.name, "count-app", url=project.client.http.url, wait=1)
thread = threading.Thread(target=worker.run, daemon=True)
thread.start()

# %% 6. Analyse the closed windows now (the scheduler would do it every base_period)
print("windows analysed:", project.run_model_monitoring_controller())
worker.stop()

# %% 7. Results: drift per window, the features' drift, the window counts of the Python app
print(project.get_model_endpoint_monitoring_metrics(endpoint_id))
print(project.list_model_endpoint_results(endpoint_id))
analysis = project.get_model_endpoint(endpoint_id=endpoint_id, feature_analysis=True)
for f in analysis.get("features", []):
    print(f"{f['name']:>14}: tvd {f.get('tvd')}, hellinger {f.get('hellinger')}")
print(project.get_model_endpoint_metrics_values(endpoint_id, ["quickstart.count-app.metric.count"]))
data = project.read_endpoint_data(endpoint_id, start="now-2h", end="now")
print(data.head() if hasattr(data, "head") else data)
print(f"open {project.client.http.url}/ for the UI")
