package io.driftwatch.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.javalin.http.Context;

/** The JSON answers every route writes: a body with its status, and {@code {"error": {"code", "message"}}}. */
public final class Responses {
    private Responses() {
    }

    /** Writes {@code {"error": {"code", "message"}}}. */
    public static void error(Context ctx, int status, String code, String message) {
        json(ctx, status, errorBody(code, message));
    }

    /** {@code {"error": {"code", "message"}}}. */
    public static ObjectNode errorBody(String code, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message);
        return body;
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
