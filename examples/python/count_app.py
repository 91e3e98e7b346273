"""A count/mean monitoring app, after the counting app in MLRun's model-monitoring documentation.

For each window it reports how many predictions the endpoint served (metric ``count``), the mean of every
feature (metrics ``mean_<feature>``), and a result ``low_traffic`` that is a potential detection when the
window has fewer than ``min_count`` rows.

    python -m driftwatch.apps --app count_app:CountApp --project my-project --name count-app --register
"""

from driftwatch.apps import (ModelMonitoringApplicationBase, ModelMonitoringApplicationMetric,
                             ModelMonitoringApplicationResult, ResultKindApp, ResultStatusApp)


class CountApp(ModelMonitoringApplicationBase):
    """Counts the window's predictions and averages its features."""

    def __init__(self, min_count=10):
        self.min_count = int(min_count)

    def do_tracking(self, monitoring_context):
        df = monitoring_context.sample_df
        count = len(df)
        monitoring_context.logger.info("endpoint %s: %d predictions in [%s, %s)", monitoring_context.endpoint_name,
                                       count, monitoring_context.start_infer_time, monitoring_context.end_infer_time)
        out = [ModelMonitoringApplicationMetric(name="count", value=count)]
        for feature in monitoring_context.feature_names:
            if feature in df and count:
                out.append(ModelMonitoringApplicationMetric(name=f"mean_{feature}", value=float(df[feature].mean())))
        status = ResultStatusApp.potential_detection if count < self.min_count else ResultStatusApp.no_detection
        out.append(ModelMonitoringApplicationResult(name="low_traffic", value=count,
                                                    kind=ResultKindApp.system_performance, status=status,
                                                    extra_data={"min_count": self.min_count}))
        return out
