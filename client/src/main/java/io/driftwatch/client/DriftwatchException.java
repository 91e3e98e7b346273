package io.driftwatch.client;

import java.io.Serial;

/** A Driftwatch API call answered with an error: the HTTP status and the server's {@code error.code/message}. */
public final class DriftwatchException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public DriftwatchException(int status, String code, String message) {
        super("HTTP " + status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
