/**
 * Monitoring apps written in Python (MLRun's {@code ModelMonitoringApplicationBase} shape), run by remote workers
 * ({@code python -m driftwatch.apps}). In the data flow they sit where Java apps sit: the controller hands a window
 * to the app runner, which calls {@link io.driftwatch.server.pyapps.PythonApp}; that app turns the window into a
 * task in the {@link io.driftwatch.server.pyapps.PythonTaskBroker}, a worker takes it through the long-poll task
 * route under a lease, and the worker's results and metrics go back to the runner and on to the writer like any
 * app's output. No worker answer within the app's timeout is an {@code mm-app-failed}.
 */
package io.driftwatch.server.pyapps;
