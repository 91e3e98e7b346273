package io.driftwatch.engine.port;

/**
 * Thrown by {@link EventStream#append} when the stream cannot take records now (e.g. no Kafka broker acknowledged
 * them within the delivery timeout): nothing was acknowledged, the caller may retry later. Ingest answers 503 with
 * {@code Retry-After}.
 */
public class StreamUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
