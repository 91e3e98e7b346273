package io.driftwatch.engine.apps;

import io.driftwatch.MonitoringApplication;
import io.driftwatch.testkit.MonitoringApplicationContract;
import java.util.Map;

/**
 * The contract with reference rows (the contract's windows carry a numeric {@code prediction} and no labels, so this
 * exercises regression with prediction drift against reference rows; the label column is the contract's f0).
 */
class ModelPerformanceAppWithReferenceContractTest extends MonitoringApplicationContract {
    @Override
    protected MonitoringApplication createApp() {
        return new ModelPerformanceApp(Map.of("label_column", "f0", "min_rows", "50"), frame(3, 400, 0, 42));
    }

    @Override
    protected String appName() {
        return ApplicationRegistry.MODEL_PERFORMANCE;
    }
}
