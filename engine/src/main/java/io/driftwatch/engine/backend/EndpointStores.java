package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import java.util.Objects;

/**
 * The stores of {@code --endpoint-store-connection}: projects (with models and settings), endpoints, alerts, and
 * the access keys of the API ({@code accessKeys} null when the adapter has none: the server then keeps keys in
 * memory only and says so in its log) and the API's audit log ({@code audit} null when the adapter has none: kept in
 * memory then).
 */
public record EndpointStores(ProjectStore projects, EndpointStore endpoints, AlertStore alerts,
                             AccessKeyStore accessKeys, AuditLog audit) {
    public EndpointStores {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** Stores of an adapter without an access-key store and audit log. */
    public EndpointStores(ProjectStore projects, EndpointStore endpoints, AlertStore alerts) {
        this(projects, endpoints, alerts, null, null);
    }

    /** Stores of an adapter without an audit log. */
    public EndpointStores(ProjectStore projects, EndpointStore endpoints, AlertStore alerts,
                          AccessKeyStore accessKeys) {
        this(projects, endpoints, alerts, accessKeys, null);
    }
}
