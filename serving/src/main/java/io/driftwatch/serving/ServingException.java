package io.driftwatch.serving;

/**
 * A serving failure with the HTTP status it maps to: 400 bad request (shape, datatype, body), 404 unknown function,
 * model or version, 409 conflict (function exists), 503 not deployed/ready, 500 model failure. OIP routes answer it
 * as {@code {"error": message}}; the server may map it onto its own error body.
 */
public final class ServingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ServingException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ServingException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    static ServingException badRequest(String message) {
        return new ServingException(400, message);
    }

    static ServingException notFound(String message) {
        return new ServingException(404, message);
    }
}
