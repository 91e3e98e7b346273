package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;

/**
 * In-memory implementations of the store ports (all but the event stream; the alert and artifact stores too): for tests and as the reference
 * behaviour that every adapter must match (the engine's test kit runs the same contract tests against them).
 * Nothing is durable; every store is thread-safe (one lock per store, fine for tests and small demos:
 * a list query scans all rows, O(n)).
 */
public final class MemoryStores {
    private MemoryStores() {
    }

    public static EndpointStore endpointStore() {
        return new MemoryEndpointStore();
    }

    public static ProjectStore projectStore() {
        return new MemoryProjectStore();
    }

    public static TimeSeriesStore timeSeriesStore() {
        return new MemoryTimeSeriesStore();
    }

    public static SampleStore sampleStore() {
        return new MemorySampleStore();
    }

    /**
     * A sink that upserts endpoint records into {@code endpoints} and appends time-series rows to
     * {@code timeSeries} under one lock, together with the applied offset.
     */
    public static ProcessorSink processorSink(EndpointStore endpoints, TimeSeriesStore timeSeries) {
        return new MemoryProcessorSink(endpoints, timeSeries);
    }

    /** Alert configs and activations in memory (one lock; list queries scan all rows). */
    public static AlertStore alertStore() {
        return new MemoryAlertStore();
    }

    /** Access keys (hashes) in memory (one lock). */
    public static AccessKeyStore accessKeyStore() {
        return new MemoryAccessKeyStore();
    }

    /** An empty audit log in memory. */
    public static AuditLog auditLog() {
        return new MemoryAuditLog();
    }

    /** App artifacts in memory (thread-safe, not durable). */
    public static ArtifactStore artifactStore() {
        return new MemoryArtifactStore();
    }
}
