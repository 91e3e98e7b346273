package io.driftwatch.engine.port;

import java.util.Objects;

/**
 * One partition of an {@link EventStream}: the name of the stream it belongs to (a Kafka topic such as
 * {@code monitoring_stream_fraud}; {@value #LOG} for the embedded log) and its index. Offsets are dense per
 * partition; sinks store one next offset per partition, in the same transaction as the effects (DESIGN.md §13).
 *
 * @param stream    the stream's name, {@code [A-Za-z0-9._-]{1,249}}
 * @param partition the index, {@code >= 0}
 */
public record StreamPartition(String stream, int partition) {
    /** The stream name of a single-partition stream (the embedded log, the in-memory stream). */
    public static final String LOG = "log";
    /** The one partition of a single-partition stream. */
    public static final StreamPartition SINGLE = new StreamPartition(LOG, 0);

    public StreamPartition {
        Objects.requireNonNull(stream, "stream");
        if (!stream.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("stream name must be [A-Za-z0-9._-]{1,249}: " + stream);
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }

    /** True for {@link #SINGLE}. */
    public boolean single() {
        return equals(SINGLE);
    }

    @Override
    public String toString() {
        return stream + "-" + partition;
    }
}
