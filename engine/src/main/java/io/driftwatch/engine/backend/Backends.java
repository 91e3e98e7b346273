package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.util.Objects;

/**
 * The opened backends of one server: the stream, the stores of the endpoint-store and tsdb connections, the
 * sample and artifact stores. {@link #close()} closes what the providers registered (newest first).
 *
 * @param closer closes the backends (e.g. their {@link BackendContext#close()}); {@code () -> {}} when the caller
 *               owns them
 */
public record Backends(EventStream stream, EndpointStores endpointStores, TimeSeriesStores timeSeriesStores,
                       SampleStore samples, ArtifactStore artifacts, Runnable closer) implements AutoCloseable {
    public Backends {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(endpointStores, "endpointStores");
        Objects.requireNonNull(timeSeriesStores, "timeSeriesStores");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(closer, "closer");
    }

    public ProjectStore projects() {
        return endpointStores.projects();
    }

    public EndpointStore endpoints() {
        return endpointStores.endpoints();
    }

    public AlertStore alerts() {
        return endpointStores.alerts();
    }

    /** The access-key store of the endpoint-store connection, or null when its adapter has none. */
    public AccessKeyStore accessKeys() {
        return endpointStores.accessKeys();
    }

    /** The audit log of the endpoint-store connection, or null when its adapter has none. */
    public AuditLog audit() {
        return endpointStores.audit();
    }

    public TimeSeriesStore timeSeries() {
        return timeSeriesStores.timeSeries();
    }

    public ProcessorSink sink() {
        return timeSeriesStores.sink();
    }

    @Override
    public void close() {
        closer.run();
    }
}
