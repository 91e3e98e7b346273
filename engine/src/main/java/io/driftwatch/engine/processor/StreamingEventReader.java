package io.driftwatch.engine.processor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.driftwatch.EndpointId;
import io.driftwatch.engine.processor.ParsedEvent.Identity;
import java.io.IOException;
import java.io.Serial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link EventParser}: a valid prediction event of the usual shape, read in one streaming pass
 * straight into rows (no JSON tree: the tree of a 100-row × 20-feature event was ~60 % of the processor's parse time).
 * It returns null for anything else (an error event, a missing or malformed field, a nested tensor value, a scalar,
 * empty or mixed {@code outputs}, a field named twice, a non-string id or label), and the tree parser then handles
 * the event, so every message and every edge case stays the tree parser's; {@code EventParserTest} checks both paths
 * agree.
 *
 * <p>The usual shape: {@code inputs} an array of rows (arrays of numbers, strings, booleans or nulls) or one such
 * row; {@code outputs} an array of rows or of scalars. Numbers become {@link Double}, as on the tree path.
 */
final class StreamingEventReader {
    private static final int MAX_UIDS = 10_000;
    private final JsonFactory factory;
    private final Map<UidKey, String> uids = new HashMap<>();

    StreamingEventReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** Not the usual shape: the tree parser decides. */
    private static final class Unusual extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    /** The event's fields as read. */
    private static final class Fields {
        String functionUri;
        String model;
        String project;
        String version;
        String modelClass;
        String when;
        String requestId;
        String respId;
        boolean hasRequest;
        boolean hasResp;
        Map<String, String> labels = Map.of();
        Map<String, Double> metrics = Map.of();
        long latency = -1;
        List<Object> inputs;
        List<Object> outputs;
        int seen;
    }

    /** The parsed event, or null when the event is not of the usual shape (or not valid at all). */
    ParsedEvent.Predictions read(byte[] payload) {
        try (JsonParser p = factory.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field(p, p.currentName(), f);
            }
            return build(f);
        } catch (IOException | Unusual | EventParser.BadEvent e) {
            return null;
        }
    }

    private static void field(JsonParser p, String name, Fields f) throws IOException {
        JsonToken t = p.nextToken();
        switch (name) {
            case "function_uri" -> f.functionUri = once(f, 0, string(p, t));
            case "model" -> f.model = once(f, 1, string(p, t));
            case "project" -> f.project = once(f, 2, string(p, t));
            case "version" -> f.version = once(f, 3, string(p, t));
            case "class" -> f.modelClass = once(f, 4, string(p, t));
            case "when" -> f.when = once(f, 5, string(p, t));
            case "microsec" -> f.latency = once(f, 6, latency(p, t));
            case "labels" -> f.labels = once(f, 7, labels(p, t));
            case "metrics" -> f.metrics = once(f, 8, metrics(p, t));
            case "request" -> {
                Part request = once(f, 9, part(p, t, "inputs"));
                f.requestId = request.id();
                f.inputs = request.rows();
                f.hasRequest = true;
            }
            case "resp" -> {
                Part resp = once(f, 10, part(p, t, "outputs"));
                f.respId = resp.id();
                f.outputs = resp.rows();
                f.hasResp = true;
            }
            case EventParser.GROUND_TRUTH -> throw Unusual.INSTANCE; // inline labels: the tree parser reads them
            case "error" -> {
                if (t != JsonToken.VALUE_NULL) {
                    throw Unusual.INSTANCE;
                }
            }
            default -> p.skipChildren();
        }
    }

    /** Marks field {@code bit} as read; a field named twice is unusual (the tree keeps the last one). */
    private static <T> T once(Fields f, int bit, T value) {
        if ((f.seen & (1 << bit)) != 0) {
            throw Unusual.INSTANCE;
        }
        f.seen |= 1 << bit;
        return value;
    }

    private ParsedEvent.Predictions build(Fields f) {
        if (f.functionUri == null || f.functionUri.isBlank() || f.model == null || f.model.isBlank()
                || f.when == null || !f.hasRequest || !f.hasResp || f.latency < 0 || f.inputs == null
                || f.outputs == null) {
            throw Unusual.INSTANCE;
        }
        String project = f.project;
        if (project == null) {
            int slash = f.functionUri.indexOf('/');
            if (slash <= 0) {
                throw Unusual.INSTANCE;
            }
            project = f.functionUri.substring(0, slash);
        }
        String requestId = f.requestId != null && !f.requestId.isEmpty() ? f.requestId : f.respId;
        if (requestId == null || requestId.isEmpty()) {
            throw Unusual.INSTANCE;
        }
        Instant when = EventParser.parseTime(f.when);
        List<Object[]> rows = inputRows(f.inputs);
        List<Object[]> outs = outputRows(f.outputs, rows.size());
        int n = Math.min(rows.size(), outs.size());
        Identity id = new Identity(project, f.functionUri, f.model, f.version, f.modelClass, f.labels,
                uid(project, f.functionUri, f.model, f.version));
        return new ParsedEvent.Predictions(id, when, requestId, f.latency, rows.subList(0, n), outs.subList(0, n),
                f.metrics);
    }

    /** The endpoint uid, remembered: its SHA-1 cost ~2 µs, a tenth of a one-row event's processing. */
    private String uid(String project, String functionUri, String model, String version) {
        UidKey key = new UidKey(project, functionUri, model, version);
        String uid = uids.get(key);
        if (uid == null) {
            if (uids.size() >= MAX_UIDS) {
                uids.clear();
            }
            uid = EndpointId.of(project, functionUri, model, version);
            uids.put(key, uid);
        }
        return uid;
    }

    private record UidKey(String project, String functionUri, String model, String version) {
    }

    /** Rows of arrays are rows; scalars only are one row; a mix is unusual. */
    private static List<Object[]> inputRows(List<Object> inputs) {
        int arrays = arrays(inputs);
        if (arrays == inputs.size()) {
            return rows(inputs);
        }
        if (arrays == 0) {
            return List.<Object[]>of(inputs.toArray());
        }
        throw Unusual.INSTANCE;
    }

    /** Arrays pair with rows; scalars pair one to one when there is one per row, else they are one row. */
    private static List<Object[]> outputRows(List<Object> outputs, int rowCount) {
        int arrays = arrays(outputs);
        if (outputs.size() == rowCount) {
            List<Object[]> out = new ArrayList<>(rowCount);
            for (Object o : outputs) {
                out.add(o instanceof Object[] a ? a : new Object[]{o});
            }
            return out;
        }
        if (arrays == outputs.size()) {
            return rows(outputs);
        }
        if (arrays == 0) {
            return List.<Object[]>of(outputs.toArray());
        }
        throw Unusual.INSTANCE;
    }

    private static int arrays(List<Object> elements) {
        int n = 0;
        for (Object o : elements) {
            if (o instanceof Object[]) {
                n++;
            }
        }
        return n;
    }

    private static List<Object[]> rows(List<Object> elements) {
        List<Object[]> out = new ArrayList<>(elements.size());
        for (Object o : elements) {
            out.add((Object[]) o);
        }
        return out;
    }

    /** The {@code id} and the rows field ({@code inputs} or {@code outputs}) of {@code request} or {@code resp}. */
    private record Part(String id, List<Object> rows) {
    }

    private static Part part(JsonParser p, JsonToken t, String rowsField) throws IOException {
        object(t);
        int seen = 0;
        String id = null;
        List<Object> rows = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("id")) {
                seen = mark(seen, 1);
                id = string(p, v);
            } else if (name.equals(rowsField)) {
                seen = mark(seen, 2);
                rows = elements(p, v);
            } else {
                p.skipChildren();
            }
        }
        return new Part(id, rows);
    }

    private static int mark(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw Unusual.INSTANCE;
        }
        return seen | bit;
    }

    private static void object(JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            throw Unusual.INSTANCE;
        }
    }

    /** A non-empty array whose elements are scalars or arrays of scalars (as {@code Object[]}). */
    private static List<Object> elements(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw Unusual.INSTANCE;
        }
        List<Object> out = new ArrayList<>();
        Object[] buffer = new Object[32];
        for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
            if (e == JsonToken.START_ARRAY) {
                int n = 0;
                for (JsonToken v; (v = p.nextToken()) != JsonToken.END_ARRAY; ) {
                    if (n == buffer.length) {
                        buffer = Arrays.copyOf(buffer, n * 2);
                    }
                    buffer[n++] = scalar(p, v);
                }
                out.add(Arrays.copyOf(buffer, n));
            } else {
                out.add(scalar(p, e));
            }
        }
        if (out.isEmpty()) {
            throw Unusual.INSTANCE;
        }
        return out;
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> p.getDoubleValue();
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw Unusual.INSTANCE; // nested arrays and objects: kept as JSON text by the tree parser
        };
    }

    /** A string, or null for JSON null; anything else is unusual. */
    private static String string(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw Unusual.INSTANCE;
        };
    }

    private static long latency(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long v = p.getLongValue();
            if (v >= 0) {
                return v;
            }
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d >= 0 && Double.isFinite(d)) {
                return Math.round(d);
            }
        }
        throw Unusual.INSTANCE;
    }

    private static Map<String, String> labels(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        object(t);
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String v = string(p, p.nextToken());
            if (out.put(name, v == null ? "" : v) != null) {
                throw Unusual.INSTANCE;
            }
        }
        return out;
    }

    private static Map<String, Double> metrics(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        object(t);
        Map<String, Double> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ((v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT)
                    || out.put(name, p.getDoubleValue()) != null) {
                throw Unusual.INSTANCE;
            }
        }
        return out;
    }
}
