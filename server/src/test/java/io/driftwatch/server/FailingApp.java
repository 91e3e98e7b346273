package io.driftwatch.server;

import io.driftwatch.AppOutput;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;

/** A monitoring app that always throws: its runs become {@code mm-app-failed} events. */
public final class FailingApp implements MonitoringApplication {
    @Override
    public AppOutput doTracking(MonitoringContext context) {
        throw new IllegalStateException("this app always fails");
    }
}
