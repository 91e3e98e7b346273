package io.driftwatch.engine.backend;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * A backend could not be opened because it did not answer (connection refused or timed out, host unknown, a
 * database or broker that is starting): worth retrying, unlike a configuration error. {@link BackendLoader#open}
 * throws it naming the setting and the URI (password masked); the server then retries with backoff while
 * {@code /health/ready} answers 503 with {@link #getMessage()}.
 */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final BackendKind kind;
    private final String uri;
    private final String reason;

    public BackendUnavailableException(BackendKind kind, BackendUri uri, Throwable cause) {
        super(kind.key() + " " + uri + ": " + reason(cause), cause);
        this.kind = kind;
        this.uri = uri.toString();
        this.reason = reason(cause);
    }

    /** The setting that could not be opened. */
    public BackendKind kind() {
        return kind;
    }

    /** Its URI, password masked. */
    public String uri() {
        return uri;
    }

    /** Why, from the innermost cause with a message, masked (e.g. {@code Connection refused}). */
    public String reason() {
        return reason;
    }

    /** The innermost message of {@code t}'s cause chain, masked; the class name when none has a message. */
    public static String reason(Throwable t) {
        String message = null;
        Throwable last = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            last = c;
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message == null ? last.getClass().getSimpleName() : BackendUri.mask(message.strip());
    }

    /**
     * True when {@code t} or a cause says the backend did not answer: {@link ConnectException},
     * {@link SocketTimeoutException}, {@link NoRouteToHostException}, {@link UnknownHostException},
     * {@link TimeoutException}, {@link SQLTransientException}, {@link SQLRecoverableException}, an
     * {@link SQLException} of SQLState class {@code 08} (connection exception) or {@code 57P01}–{@code 57P03}
     * (PostgreSQL shutting down, crashed or starting), Kafka's {@code RetriableException}s, or this exception.
     */
    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BackendUnavailableException || c instanceof ConnectException
                    || c instanceof SocketTimeoutException || c instanceof NoRouteToHostException
                    || c instanceof UnknownHostException || c instanceof TimeoutException
                    || isA(c.getClass(), "java.sql.SQLTransientException")
                    || isA(c.getClass(), "java.sql.SQLRecoverableException")
                    || isA(c.getClass(), "org.apache.kafka.common.errors.RetriableException")
                    || sqlConnectionState(c)) {
                return true;
            }
            if (c.getCause() == c) {
                return false;
            }
        }
        return false;
    }

    /**
     * SQLState class 08, or PostgreSQL's 57P01/57P02/57P03 (the server shuts down, crashed, or is starting: a restart
     * in progress), read by name: the engine does not depend on JDBC (EngineArchitectureTest). */
    private static boolean sqlConnectionState(Throwable c) {
        if (!isA(c.getClass(), "java.sql.SQLException")) {
            return false;
        }
        try {
            Object state = c.getClass().getMethod("getSQLState").invoke(c);
            return state instanceof String s && (s.startsWith("08") || s.equals("57P01") || s.equals("57P02")
                    || s.equals("57P03"));
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code e} as thrown by an opening step: unchanged unless it is transient, then wrapped naming the backend. */
    static RuntimeException classify(BackendKind kind, BackendUri uri, RuntimeException e) {
        return isTransient(e) && !(e instanceof BackendUnavailableException)
                ? new BackendUnavailableException(kind, uri, e) : e;
    }
}
