package io.driftwatch.engine.port;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import java.time.Instant;
import java.util.Objects;

/**
 * The small state of an endpoint that the controller plans its windows with (issue 17 point 4), read from small
 * columns for every endpoint of a project per run instead of the whole record (whose reference statistics are tens of
 * kilobytes): whether it is monitored, its first and last request, whether it has late times pending and the version
 * of its reference.
 *
 * @param pendingLate      whether {@code status.pending_late} is not empty
 * @param referenceVersion {@link ReferenceVersion} of the record's labels, spec and {@code feature_stats}: equal
 *                         versions mean an equal reference part, so a record read earlier with this version can serve
 *                         again (its counters and drift fields may be older); null when the store keeps none
 */
public record EndpointState(String project, String uid, boolean active, MonitoringMode monitoringMode,
                            Instant firstRequest, Instant lastRequest, boolean pendingLate, String referenceVersion) {
    public EndpointState {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(uid, "uid");
        monitoringMode = monitoringMode == null ? MonitoringMode.DISABLED : monitoringMode;
    }

    /** The state of a record, with its computed {@link ReferenceVersion}. */
    public static EndpointState of(ModelEndpoint e) {
        return of(e, ReferenceVersion.of(e));
    }

    /** The state of a record with a known reference version. */
    public static EndpointState of(ModelEndpoint e, String referenceVersion) {
        return new EndpointState(e.project(), e.uid(), e.spec().active(), e.spec().monitoringMode(),
                e.status().firstRequest(), e.status().lastRequest(), !e.status().pendingLate().isEmpty(),
                referenceVersion);
    }

    /** Whether the controller analyses the endpoint: active and monitoring enabled. */
    public boolean monitored() {
        return active && monitoringMode == MonitoringMode.ENABLED;
    }
}
