package io.driftwatch.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON answers every route writes: a body with its status, and {@code {"error": {"code", "message"}}}. */
public final class Responses {
    /**
     * Server directories never shown in a message, keyed by their absolute path, longest first, each with its
     * pattern (compiled once) and what replaces it.
     */
    private static final Map<String, Hidden> HIDDEN = new ConcurrentSkipListMap<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    static {
        hide(Path.of(System.getProperty("java.io.tmpdir")), "<tmp>");
    }

    private Responses() {
    }

    private record Hidden(Pattern pattern, String replacement) {
    }

    /**
     * Error messages show {@code dir} (and anything under it) as {@code alias}: no absolute server path reaches a
     * client (issue 18 pt 8). The server registers its data directory at start.
     */
    public static void hide(Path dir, String alias) {
        String abs = dir.toAbsolutePath().normalize().toString();
        if (abs.length() > 1) {
            // the directory itself or a path under it, not a longer name sharing its prefix
            HIDDEN.put(abs, new Hidden(Pattern.compile("(?<![\\w.-])" + Pattern.quote(abs) + "(?=/|[\\s'\"),;]|$)"),
                    Matcher.quoteReplacement(alias)));
        }
    }

    /** {@code message} with every hidden directory replaced by its alias. */
    public static String scrub(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        for (Map.Entry<String, Hidden> e : HIDDEN.entrySet()) {
            if (m.contains(e.getKey())) {
                m = e.getValue().pattern().matcher(m).replaceAll(e.getValue().replacement());
            }
        }
        return m;
    }

    /** Writes {@code {"error": {"code", "message"}}}. */
    public static void error(Context ctx, int status, String code, String message) {
        json(ctx, status, errorBody(code, message));
    }

    /** {@code {"error": {"code", "message"}}}, the message {@linkplain #scrub scrubbed} of server paths. */
    public static ObjectNode errorBody(String code, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", scrub(message));
        return body;
    }

    /** The {@code Retry-After} of a 503 for an unavailable event stream, in seconds. */
    public static final long STREAM_RETRY_AFTER_SECONDS = 5;

    /** The 503 body of an event stream that could not make the events durable (send with {@code Retry-After}). */
    public static ObjectNode unavailableBody(io.driftwatch.engine.port.StreamUnavailableException e) {
        return errorBody("stream_unavailable", "the event stream could not store the events, none was accepted ("
                + io.driftwatch.engine.backend.BackendUri.mask(e.getMessage()) + "); retry after "
                + STREAM_RETRY_AFTER_SECONDS + " s");
    }

    /** The 429 body of a lagging stream processor (send with {@code Retry-After}). */
    public static ObjectNode backpressureBody(StreamBackpressureException e) {
        return errorBody("backpressure", "the stream processor is behind (" + e.getMessage() + "); retry after "
                + e.retryAfterSeconds() + " s");
    }

    /** Writes a JSON body with the status. */
    public static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the response", e);
        }
    }
}
