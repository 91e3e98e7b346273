"""Monitoring applications in Python, with MLRun's shape.

    from driftwatch.apps import (ModelMonitoringApplicationBase, ModelMonitoringApplicationResult,
                                 ResultKindApp, ResultStatusApp)

    class MyApp(ModelMonitoringApplicationBase):
        def do_tracking(self, monitoring_context):
            df = monitoring_context.sample_df
            return ModelMonitoringApplicationResult(name="rows", value=len(df), kind=ResultKindApp.data_drift,
                                                    status=ResultStatusApp.no_detection)

Register it with ``project.set_model_monitoring_function(name="my-app", runtime="python")`` and run it with
``python -m driftwatch.apps --app my_module:MyApp --project p --name my-app``: the worker takes the app's window
tasks from the server and sends back what ``do_tracking`` returns.
"""

from .base import (ModelMonitoringApplicationBase, ModelMonitoringApplicationMetric,
                   ModelMonitoringApplicationResult, MonitoringApplicationContext, ResultKindApp, ResultStatusApp)
from .worker import Worker, process_task

__all__ = ["ModelMonitoringApplicationBase", "ModelMonitoringApplicationResult", "ModelMonitoringApplicationMetric",
           "MonitoringApplicationContext", "ResultKindApp", "ResultStatusApp", "Worker", "process_task"]
