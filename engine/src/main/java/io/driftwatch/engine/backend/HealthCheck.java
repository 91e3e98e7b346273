package io.driftwatch.engine.backend;

/**
 * A cheap call proving that a backend answers now (e.g. {@code SELECT 1} on a pooled connection, a metadata request
 * to the Kafka cluster, a {@code HeadBucket}). The server calls it every {@code health-interval} (default 5 s) per
 * backend and reports the result on {@code /health/ready}. Implementations bound their own wait (a few seconds); the
 * server gives up waiting after 10 s and reports the backend down.
 *
 * <p>A provider registers one with {@link BackendContext#healthCheck(BackendUri, HealthCheck)} for the URI it opened;
 * a port object that implements this interface is used too. A backend without either counts as ready once opened
 * (the embedded ones live in the server's process).
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * Returns when the backend answers.
     *
     * @throws Exception the reason it does not (its message is shown, masked, on {@code /health/ready})
     */
    void ping() throws Exception;
}
