package io.driftwatch.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * The server's JSON mapper: strict (no NaN literals, no trailing tokens, no duplicate keys) and helpers that
 * turn Jackson's parse errors into messages with a line and column.
 */
public final class Json {
    /** Deepest accepted nesting of arrays and objects in a request body (deeper: 400, before any tree is built). */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Shared, thread-safe mapper; its parsers and generators take buffers from one shared pool. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // requests run on virtual threads: the default thread-local buffer pool would allocate fresh
                    // buffers for every request (~5 % of the ingest handler's CPU in async-profiler)
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(64 << 20).build());
    }

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The ISO-8601 text of an instant, or null. */
    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** A parse error as "what at line L, column C" (Jackson's message without the source excerpt). */
    public static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg != null) {
            msg = msg.lines().findFirst().orElse(msg);
        }
        var loc = e.getLocation();
        return loc == null ? msg : msg + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** Parses a JSON body, answering 400 naming the position of a syntax error. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("empty request body: expected JSON");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable JSON body: " + e.getMessage());
        }
    }

    /** Parses a JSON object body (400 if it is another JSON value). */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode n = parse(body);
        if (!(n instanceof ObjectNode o)) {
            throw ApiException.badRequest("expected a JSON object, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return o;
    }
}
