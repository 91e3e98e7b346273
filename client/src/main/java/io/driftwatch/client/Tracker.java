package io.driftwatch.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches tracking events (DESIGN.md §3) for one project and sends them with {@link DriftwatchClient#ingest}:
 * a batch goes out when {@code batchSize} events are queued, on {@link #flush()} and on {@link #close()}.
 * Thread-safe; {@link #track} blocks while a full batch is sent. {@link #acknowledged()} counts events the server
 * accepted (202), so a caller knows exactly what is durable.
 */
public final class Tracker implements AutoCloseable {
    private final DriftwatchClient client;
    private final String project;
    private final int batchSize;
    private final List<JsonNode> pending = new ArrayList<>();
    private long acknowledged;

    Tracker(DriftwatchClient client, String project, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.client = client;
        this.project = project;
        this.batchSize = batchSize;
    }

    /** Queues one event; sends the batch when full. */
    public synchronized void track(JsonNode event) {
        pending.add(event);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Sends the queued events (if any). On failure the events stay queued and the exception propagates. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        client.ingest(project, pending);
        acknowledged += pending.size();
        pending.clear();
    }

    /** Events the server acknowledged so far. */
    public synchronized long acknowledged() {
        return acknowledged;
    }

    @Override
    public void close() {
        flush();
    }
}
