package io.driftwatch.engine.apps;

import io.driftwatch.MonitoringApplication;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import java.util.Objects;

/** A registered application with its loaded instance (shared by all endpoints: apps must be thread-safe). */
public record DeployedApp(AppRegistration registration, MonitoringApplication app) {
    public DeployedApp {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(app, "app");
    }

    public String name() {
        return registration.name();
    }
}
