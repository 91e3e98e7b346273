"""A drift app that wraps a third-party library (SciPy), the way MLRun's Evidently base class wraps Evidently.

``ScipyDriftApplicationBase`` does the plumbing once: for each feature it rebuilds the reference distribution
from the training set's histogram (``feature_stats``) and bins the window's values on the same edges, then asks
``compare(feature, reference_counts, window_counts, window_values)`` for a drift score. ``JensenShannonDriftApp``
fills that in with ``scipy.spatial.distance.jensenshannon``; bring your own library by overriding ``compare``.

    python -m driftwatch.apps --app scipy_drift_app:JensenShannonDriftApp --project p --name js-drift --register
"""

import numpy as np
from scipy.spatial.distance import jensenshannon

from driftwatch.apps import (ModelMonitoringApplicationBase, ModelMonitoringApplicationMetric,
                             ModelMonitoringApplicationResult, ResultKindApp, ResultStatusApp)


class ScipyDriftApplicationBase(ModelMonitoringApplicationBase):
    """Per-feature drift scores from a library; the mean score becomes the result ``<name>_drift``."""

    name = "scipy"

    def __init__(self, potential=0.3, detected=0.5):
        self.potential, self.detected = float(potential), float(detected)

    def compare(self, feature, reference_counts, window_counts, window_values):
        raise NotImplementedError

    def do_tracking(self, monitoring_context):
        df = monitoring_context.sample_df
        scores = {}
        for feature in monitoring_context.feature_names:
            hist = monitoring_context.feature_stats.get(feature, {}).get("hist")
            if not hist or feature not in df or not len(df):
                continue
            counts, edges = np.asarray(hist[0], float), np.asarray(hist[1], float)
            finite = np.isfinite(edges)
            values = df[feature].astype(float).dropna().to_numpy()
            window = np.histogram(np.clip(values, edges[finite].min(), edges[finite].max()),
                                  bins=np.where(finite, edges, np.where(edges < 0, -1e308, 1e308)))[0]
            scores[feature] = float(self.compare(feature, counts, window.astype(float), values))
        if not scores:
            return []
        mean = float(np.mean(list(scores.values())))
        status = (ResultStatusApp.detected if mean >= self.detected else
                  ResultStatusApp.potential_detection if mean >= self.potential else ResultStatusApp.no_detection)
        out = [ModelMonitoringApplicationMetric(name=f"{self.name}_{f}", value=v) for f, v in scores.items()]
        out.append(ModelMonitoringApplicationResult(name=f"{self.name}_drift", value=mean,
                                                    kind=ResultKindApp.data_drift, status=status,
                                                    extra_data={"per_feature": scores}))
        monitoring_context.log_artifact(f"{self.name}_scores", body=scores)
        return out


class JensenShannonDriftApp(ScipyDriftApplicationBase):
    """The Jensen-Shannon distance (base 2, in [0, 1]) between the reference and the window histograms."""

    name = "jensen_shannon"

    def compare(self, feature, reference_counts, window_counts, window_values):
        if reference_counts.sum() == 0 or window_counts.sum() == 0:
            return 0.0
        return jensenshannon(reference_counts, window_counts, base=2)
