package io.driftwatch.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses an ingest body into stream records: one JSON event object, a JSON array of objects, or NDJSON (one object
 * per line). Every event must be a JSON object that names its endpoint ({@code model} and {@code function_uri} as
 * strings); the project of the URL is added as {@code "project"}. Any problem rejects the whole body with a message
 * naming the position, the index or the line; field-level problems (missing {@code when}, wrong types of inputs)
 * are left to the stream processor, which counts them as endpoint errors (DESIGN.md §3).
 *
 * <p>Cost. A JSON body is validated in one streaming pass: only {@code model}, {@code function_uri} and
 * {@code project} are read as values, every other field is only tokenised (so malformed JSON, {@code NaN} literals and
 * duplicate keys are still rejected, but no number is converted), and each event's record is its own bytes of the
 * body, with {@code "project":p} spliced in after the opening brace when absent. Measured with wrk on 2 shared cores
 * (docs/benchmarks.md "Pipeline"), against a tree parse plus re-serialisation per event: 100-row × 20-feature batch
 * requests at 16 connections 892 → 1,946/s, server CPU per 1k rows (processor included) 0.030 → 0.026 s. Bodies that are not plain UTF-8 (a BOM, UTF-16/32) take the tree path, and so do events with
 * {@code "project": null}. NDJSON bodies take the tree path (one parse and one
 * serialisation per event, ~150k events/s per core).
 */
final class EventBatch {
    /** Reads one value at the parser's position, leaving the rest of the body to the caller. */
    private static final ObjectReader IN_STREAM = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventBatch() {
    }

    /** The events of a JSON body (an object or an array of objects). */
    static List<byte[]> fromJson(byte[] body, String project) {
        if (body.length == 0) {
            throw ApiException.badRequest("empty request body: expected a JSON event object or array");
        }
        List<byte[]> out = new ArrayList<>();
        boolean streaming = plainUtf8(body);
        byte[] field = streaming ? projectField(project) : null; // once per body, spliced into each event
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                out.add(streaming ? event(p, body, field, project, "the event")
                        : event(IN_STREAM.readTree(p), project, "the event"));
            } else if (first == JsonToken.START_ARRAY) {
                int i = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                    if (t == null) {
                        throw ApiException.badRequest("malformed JSON: unexpected end of input inside the array");
                    }
                    if (t != JsonToken.START_OBJECT) {
                        throw ApiException.badRequest("element " + i + " of the array is " + describe(t)
                                + ", expected a JSON event object");
                    }
                    out.add(streaming ? event(p, body, field, project, "element " + i)
                            : event(IN_STREAM.readTree(p), project, "element " + i));
                }
            } else {
                throw ApiException.badRequest("expected a JSON event object or an array of objects, got "
                        + describe(first));
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw ApiException.badRequest("malformed JSON: unexpected " + describe(trailing) + " after the end at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr()
                        + " (for one event per line use Content-Type application/x-ndjson)");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable JSON body: " + e.getMessage());
        }
        return out;
    }

    /** The events of an NDJSON body: one object per line, blank lines ignored. */
    static List<byte[]> fromNdjson(byte[] body, String project) {
        List<byte[]> out = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        int line = 0;
        for (String l : (Iterable<String>) text.lines()::iterator) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(l);
            } catch (JsonProcessingException e) {
                var loc = e.getLocation();
                String msg = e.getOriginalMessage().lines().findFirst().orElse("");
                throw ApiException.badRequest("malformed JSON on line " + line + ": " + msg
                        + (loc == null ? "" : " at column " + loc.getColumnNr()));
            }
            if (!node.isObject()) {
                throw ApiException.badRequest("line " + line + " is " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                        + ", expected a JSON event object");
            }
            out.add(event(node, project, "line " + line));
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("empty NDJSON body: expected one JSON event object per line");
        }
        return out;
    }

    /**
     * The event whose {@code START_OBJECT} is the parser's current token, validated as {@link #event(JsonNode, String,
     * String)} does, as its own bytes of {@code body} (see the class comment); the parser is left on its
     * {@code END_OBJECT}. {@code field} is {@link #projectField} of {@code project}, spliced in when the event has no
     * {@code project}.
     */
    private static byte[] event(JsonParser p, byte[] body, byte[] field, String project, String where)
            throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        ObjectNode named = Json.object();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("model") || name.equals("function_uri") || name.equals("project")) {
                JsonNode v = p.currentToken() == JsonToken.VALUE_STRING
                        ? TextNode.valueOf(p.getText()) : IN_STREAM.readTree(p);
                named.set(name, v == null ? NullNode.getInstance() : v);
            } else {
                p.skipChildren();
            }
        }
        long end = p.currentLocation().getByteOffset();
        validate(named, project, where);
        if (start < 0 || end <= start + 1 || end > body.length || body[(int) start] != '{' || body[(int) end - 1] != '}') {
            throw new IllegalStateException("byte offsets [" + start + ", " + end + ") do not delimit " + where);
        }
        JsonNode given = named.get("project");
        if (given != null && given.isNull()) {
            try (JsonParser again = Json.MAPPER.createParser(body)) { // a null project to replace: as a tree
                return event(treeAt(again, start), project, where);
            }
        }
        if (given != null) {
            return Arrays.copyOfRange(body, (int) start, (int) end);
        }
        byte[] out = new byte[field.length + (int) (end - start - 1)];
        System.arraycopy(field, 0, out, 0, field.length);
        System.arraycopy(body, (int) start + 1, out, field.length, (int) (end - start - 1));
        return out;
    }

    /** {@code {"project":"p",} as UTF-8: spliced by hand for plain names, else through Jackson's escaping. */
    static byte[] projectField(String project) {
        boolean plain = true;
        for (int i = 0; i < project.length() && plain; i++) {
            char c = project.charAt(i);
            plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        }
        try {
            String quoted = plain ? '"' + project + '"' : Json.MAPPER.writeValueAsString(project);
            return ("{\"project\":" + quoted + ",").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a project name", e);
        }
    }

    /** The object starting at byte {@code offset} of the parser's body, as a tree. */
    private static JsonNode treeAt(JsonParser p, long offset) throws IOException {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT && p.currentTokenLocation().getByteOffset() == offset) {
                return IN_STREAM.readTree(p);
            }
        }
        throw new IllegalStateException("event at byte " + offset + " not found on the second pass");
    }

    /** True for UTF-8 without a BOM (what the streaming path needs: parser byte offsets index the body). */
    private static boolean plainUtf8(byte[] body) {
        int b0 = body[0] & 0xFF;
        if (b0 == 0xEF || b0 == 0xFE || b0 == 0xFF) {
            return false;
        }
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] event(JsonNode node, String project, String where) {
        ObjectNode o = (ObjectNode) node;
        validate(o, project, where);
        o.put("project", project);
        try {
            return Json.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed event", e);
        }
    }

    /**
     * 400 unless {@code model} and {@code function_uri} are non-empty strings of at most {@link Names#MAX}
     * characters and {@code project} is absent or ours.
     */
    private static void validate(ObjectNode o, String project, String where) {
        for (String field : new String[] {"model", "function_uri"}) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                throw ApiException.badRequest(where + ": missing field '" + field
                        + "' (string): the event cannot be attributed to a model endpoint");
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw ApiException.badRequest(where + ": field '" + field + "' must be a non-empty string, got "
                        + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            if (v.asText().length() > Names.MAX) {
                throw ApiException.badRequest(where + ": field '" + field + "' is " + v.asText().length()
                        + " characters long; names have at most " + Names.MAX);
            }
        }
        JsonNode p = o.get("project");
        if (p != null && !p.isNull() && !(p.isTextual() && p.asText().equals(project))) {
            throw ApiException.badRequest(where + ": field 'project' is " + p + " but the event was posted to project '"
                    + project + "'");
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "no JSON value (the body is blank)";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + t.asString() + "'";
        };
    }
}
