package io.driftwatch.serving.tracking;

import java.util.List;

/**
 * Where tracking events go: the server implements it by appending to the project's event stream. Called from the
 * tracker's single background thread only, with batches of up to {@link TrackerConfig#maxBatch()} events, each one
 * UTF-8 JSON object in the DESIGN §3 wire format. A sink may block (the request path never waits for it); an
 * exception counts the batch as failed and is logged.
 */
@FunctionalInterface
public interface TrackingSink {
    void accept(List<byte[]> events);
}
