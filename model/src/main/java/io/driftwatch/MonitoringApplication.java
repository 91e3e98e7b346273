package io.driftwatch;

/**
 * A monitoring application: code that receives one endpoint-window and returns results and/or metrics
 * (MLRun's {@code ModelMonitoringApplicationBase.do_tracking}). Implementations must be thread-safe or
 * stateless: the runner may call one instance for several endpoints at once. A public no-argument
 * constructor lets the app be registered by class name or loaded from a jar.
 */
public interface MonitoringApplication {
    /**
     * Analyses one endpoint-window.
     *
     * @throws Exception any failure; the runner turns it into an {@code mm-app-failed} event and goes on
     */
    AppOutput doTracking(MonitoringContext context) throws Exception;
}
