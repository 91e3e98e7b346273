package io.driftwatch.engine.apps;

import io.driftwatch.MonitoringApplication;
import io.driftwatch.engine.apps.examples.PredictionMeanShiftApp;
import io.driftwatch.testkit.MonitoringApplicationContract;

class PredictionMeanShiftAppContractTest extends MonitoringApplicationContract {
    @Override
    protected MonitoringApplication createApp() {
        return new PredictionMeanShiftApp();
    }
}
