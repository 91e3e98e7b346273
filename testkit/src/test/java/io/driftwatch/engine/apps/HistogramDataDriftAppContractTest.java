package io.driftwatch.engine.apps;

import io.driftwatch.MonitoringApplication;
import io.driftwatch.testkit.MonitoringApplicationContract;

class HistogramDataDriftAppContractTest extends MonitoringApplicationContract {
    @Override
    protected MonitoringApplication createApp() {
        return new HistogramDataDriftApp();
    }

    @Override
    protected String appName() {
        return ApplicationRegistry.HISTOGRAM_DATA_DRIFT;
    }
}
