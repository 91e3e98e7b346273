package io.driftwatch.server.http;

import java.io.Serial;

/**
 * A request that cannot be served: becomes {@code {"error": {"code", "message"}}} with the HTTP status.
 * The message names the problem (the field, the position, the unknown id).
 */
public final class ApiException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, -1);
    }

    private ApiException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 429 that tells the client to retry after {@code seconds} (its {@code Retry-After} header). */
    public static ApiException tooManyRequests(String code, String message, long seconds) {
        return new ApiException(429, code, message, seconds);
    }

    /** The seconds of the answer's {@code Retry-After} header, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** A short machine-readable code such as {@code bad_request} or {@code not_found}. */
    public String code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "payload_too_large", message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "unsupported_media_type", message);
    }
}
