package io.driftwatch.engine.apps;

import io.driftwatch.MonitoringApplication;
import io.driftwatch.testkit.MonitoringApplicationContract;

class ModelPerformanceAppContractTest extends MonitoringApplicationContract {
    @Override
    protected MonitoringApplication createApp() {
        return new ModelPerformanceApp();
    }

    @Override
    protected String appName() {
        return ApplicationRegistry.MODEL_PERFORMANCE;
    }
}
