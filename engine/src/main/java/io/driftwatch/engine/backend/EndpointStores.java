package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import java.util.Objects;

/** The stores of {@code --endpoint-store-connection}: projects (with models and settings), endpoints, alerts. */
public record EndpointStores(ProjectStore projects, EndpointStore endpoints, AlertStore alerts) {
    public EndpointStores {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(alerts, "alerts");
    }
}
