package io.driftwatch.engine.processor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.image.ImageInputs;
import io.driftwatch.engine.image.ImageStats;
import io.driftwatch.engine.processor.ParsedEvent.Identity;
import java.io.IOException;
import java.io.Serial;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates one tracking event (DESIGN.md §3) and splits it into rows the way
 * MLRun's stream processing does (facts §3.2): {@code inputs} must be an array; if any element is not an array it
 * is one row. Scalar {@code outputs} become one one-value row; outputs whose length equals the row count pair up
 * one to one; otherwise, if any element is not an array, the outputs are one row; each scalar output becomes a
 * one-value row. Rows and outputs are zipped, the shorter side wins. Values: numbers become {@link Double}
 * (MLRun turns ints into floats, and one Parquet column then has one type), strings, booleans and null stay,
 * images (a nested array of height × width [× channels] numbers, or a base64 PNG/JPEG string) become one
 * {@link ImageStats} value each (see {@link ImageInputs}), other nested arrays and objects (tensors) are kept as
 * their JSON text. The project is the event's
 * {@code project} field, else the {@code project/} prefix of {@code function_uri}.
 */
final class EventParser {
    /** Deepest accepted nesting of arrays and objects in one event (an image tensor needs 3 or 4 levels). */
    static final int MAX_NESTING_DEPTH = 64;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build());

    private final StreamingEventReader fast = new StreamingEventReader(JSON.getFactory());

    /** The tracking event's field of inline ground-truth labels (issue 20). */
    static final String GROUND_TRUTH = "y_true";

    /** Parses the record; never throws for bad input (the outcome says what was wrong). */
    ParsedEvent parse(byte[] payload, Instant appendTime) {
        ParsedEvent.Predictions usual = fast.read(payload);
        if (usual != null) {
            usual.inputs().forEach(EventParser::base64Images);
            return usual;
        }
        return parseTree(payload, appendTime);
    }

    /** The general path: any event, valid or not, through a Jackson tree. */
    ParsedEvent parseTree(byte[] payload, Instant appendTime) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return new ParsedEvent.Unattributed("unparseable JSON: " + e.getOriginalMessage(), true);
        } catch (IOException e) {
            return new ParsedEvent.Unattributed("unreadable record: " + e.getMessage(), true);
        }
        if (root == null || !root.isObject()) {
            return new ParsedEvent.Unattributed("the event is not a JSON object", true);
        }
        Map<String, String> labels = Map.of();
        String problem = null;
        try {
            labels = labels(root);
        } catch (BadEvent e) {
            problem = e.getMessage();
        }
        Identity id;
        try {
            id = identity(root, labels);
        } catch (BadEvent e) {
            return new ParsedEvent.Unattributed(e.getMessage(), false);
        }
        Instant when = null;
        String whenProblem = problem;
        try {
            when = when(root);
        } catch (BadEvent e) {
            whenProblem = whenProblem == null ? e.getMessage() : whenProblem;
        }
        Instant time = when != null ? when : appendTime;
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            return new ParsedEvent.ModelError(id, when, time, error.isTextual() ? error.asText() : error.toString());
        }
        try {
            if (whenProblem != null) {
                throw new BadEvent(whenProblem); // a bad 'when' or bad labels
            }
            return predictions(root, id, when);
        } catch (BadEvent e) {
            return new ParsedEvent.Invalid(id, time, e.getMessage());
        }
    }

    private static Identity identity(JsonNode root, Map<String, String> labels) {
        String functionUri = text(root, "function_uri", true);
        String model = text(root, "model", true);
        String project = text(root, "project", false);
        if (project == null) {
            int slash = functionUri.indexOf('/');
            if (slash <= 0) {
                throw new BadEvent("no 'project' field and function_uri '" + functionUri + "' has no project/ prefix");
            }
            project = functionUri.substring(0, slash);
        }
        return new Identity(project, functionUri, model, text(root, "version", false), text(root, "class", false),
                labels);
    }

    private static Map<String, String> labels(JsonNode root) {
        JsonNode labels = root.get("labels");
        if (labels == null || labels.isNull()) {
            return Map.of();
        }
        if (!labels.isObject()) {
            throw new BadEvent("'labels' must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.properties().forEach(e -> {
            if (e.getValue().isContainerNode()) {
                throw new BadEvent("label '" + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        });
        return out;
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadEvent("missing '" + field + "'");
            }
            return null;
        }
        if (!n.isTextual() && !n.isNumber()) {
            throw new BadEvent("'" + field + "' must be a string");
        }
        String s = n.asText();
        if (required && s.isBlank()) {
            throw new BadEvent("'" + field + "' is empty");
        }
        return s;
    }

    /** {@code when}: ISO-8601 with a {@code T} or a space, with an offset (UTC assumed when there is none). */
    static Instant when(JsonNode root) {
        JsonNode n = root.get("when");
        if (n == null || n.isNull()) {
            throw new BadEvent("missing 'when'");
        }
        if (!n.isTextual()) {
            throw new BadEvent("'when' must be an ISO-8601 string, got " + n);
        }
        return parseTime(n.asText());
    }

    static Instant parseTime(String text) {
        Instant fast = fastTime(text);
        if (fast != null) {
            return fast;
        }
        String s = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new BadEvent("'when' is not an ISO-8601 time: '" + text + "'");
            }
        }
    }

    /**
     * The serving codec's layout {@code uuuu-MM-ddTHH:mm:ss.SSSSSS±hh:mm} (32 chars) without the formatter (~0.1 µs
     * instead of ~1.5 µs), or null for anything else, which the formatter then parses or rejects.
     */
    static Instant fastTime(String t) {
        if (t.length() != 32 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(29) != ':'
                || (t.charAt(26) != '+' && t.charAt(26) != '-')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int micros = digits(t, 20, 6);
        int offH = digits(t, 27, 2);
        int offM = digits(t, 30, 2);
        if ((year | month | day | hour | minute | second | micros | offH | offM) < 0 || offM > 59 || offH > 18) {
            return null;
        }
        try {
            int sign = t.charAt(26) == '-' ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(sign * (offH * 3600 + offM * 60));
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1_000).toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number of n ASCII digits at from, or -1. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static ParsedEvent.Predictions predictions(JsonNode root, Identity id, Instant when) {
        JsonNode request = object(root, "request");
        JsonNode resp = object(root, "resp");
        String requestId = requestId(request, resp);
        long latency = latency(root.get("microsec"));
        JsonNode inputs = request.get("inputs");
        if (inputs == null || inputs.isNull()) {
            throw new BadEvent("missing request.inputs");
        }
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw new BadEvent("request.inputs must be a non-empty array");
        }
        JsonNode outputs = resp.get("outputs");
        if (outputs == null || outputs.isNull()) {
            throw new BadEvent("missing resp.outputs");
        }
        List<JsonNode> rows = split(inputs);
        List<JsonNode> outs = splitOutputs(outputs, rows.size());
        int n = Math.min(rows.size(), outs.size());
        List<Object[]> in = new ArrayList<>(n);
        List<Object[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            in.add(base64Images(inputValues(rows.get(i))));
            out.add(values(outs.get(i)));
        }
        return new ParsedEvent.Predictions(id, when, requestId, latency, in, out, metrics(root),
                groundTruth(root.get(GROUND_TRUTH), n));
    }

    /**
     * The inline labels of an event ({@code y_true}): a scalar labels row 0, an array labels its rows by index (null
     * entries: no label); entries beyond the event's rows are ignored. Anything else is a data error.
     */
    static List<String> groundTruth(JsonNode y, int rows) {
        if (y == null || y.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (y.isArray()) {
            y.forEach(items::add);
        } else {
            items.add(y);
        }
        List<String> out = new ArrayList<>(Math.min(rows, items.size()));
        for (int i = 0; i < Math.min(rows, items.size()); i++) {
            JsonNode v = items.get(i);
            if (v.isNull()) {
                out.add(null);
            } else if (v.isNumber() || v.isTextual() || v.isBoolean()) {
                out.add(v.toString());
            } else {
                throw new BadEvent("'" + GROUND_TRUTH + "' must be a label or an array of labels (number, string, "
                        + "boolean or null), one per row; row " + i + " has " + v.getNodeType());
            }
        }
        return out;
    }

    private static JsonNode object(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new BadEvent("missing '" + field + "'");
        }
        if (!n.isObject()) {
            throw new BadEvent("'" + field + "' must be an object");
        }
        return n;
    }

    private static String requestId(JsonNode request, JsonNode resp) {
        for (JsonNode n : new JsonNode[]{request.get("id"), resp.get("id")}) {
            if (n != null && !n.isNull() && !n.isContainerNode() && !n.asText().isEmpty()) {
                return n.asText();
            }
        }
        throw new BadEvent("missing request id (request.id or resp.id)");
    }

    private static long latency(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new BadEvent("missing 'microsec' (latency)");
        }
        if (!n.isNumber() || n.asDouble() < 0 || !Double.isFinite(n.asDouble())) {
            throw new BadEvent("'microsec' must be a non-negative number of microseconds, got " + n);
        }
        return n.isIntegralNumber() ? n.asLong() : Math.round(n.asDouble());
    }

    /** Inputs: an array of arrays is a list of rows; anything else is one row. */
    private static List<JsonNode> split(JsonNode inputs) {
        for (JsonNode e : inputs) {
            if (!e.isArray()) {
                return List.of(inputs);
            }
        }
        List<JsonNode> rows = new ArrayList<>(inputs.size());
        inputs.forEach(rows::add);
        return rows;
    }

    private static List<JsonNode> splitOutputs(JsonNode outputs, int rowCount) {
        if (!outputs.isArray()) {
            return List.of(outputs);
        }
        if (outputs.size() != rowCount) {
            for (JsonNode e : outputs) {
                if (!e.isArray()) {
                    return List.of(outputs);
                }
            }
        }
        List<JsonNode> out = new ArrayList<>(outputs.size());
        outputs.forEach(out::add);
        return out;
    }

    /**
     * One input row's values, with images as {@link ImageStats}: a row that is itself an image (all its elements
     * arrays: {@code height × width [× channels]}) is one image value; an element that is a nested-array image is
     * one value; other values as {@link #values}.
     */
    private static Object[] inputValues(JsonNode row) {
        if (row.isArray() && !row.isEmpty() && row.get(0).isArray()) {
            ImageStats whole = ImageInputs.fromArray(row);
            if (whole != null) {
                return new Object[]{whole};
            }
        }
        if (!row.isArray()) {
            return values(row);
        }
        Object[] out = new Object[row.size()];
        for (int i = 0; i < out.length; i++) {
            ImageStats image = row.get(i).isArray() ? ImageInputs.fromArray(row.get(i)) : null;
            out[i] = image != null ? image : value(row.get(i));
        }
        return out;
    }

    /** Replaces base64 PNG/JPEG strings of an input row by their {@link ImageStats}; returns the row. */
    static Object[] base64Images(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof String s && s.length() > 16 && (s.startsWith("iVBORw0KGgo") || s.startsWith("/9j/")
                    || s.startsWith("data:image/"))) {
                ImageStats image = ImageInputs.fromBase64(s);
                row[i] = image != null ? image : row[i];
            }
        }
        return row;
    }

    /** One row's values: an array gives its elements, a scalar gives one value. */
    private static Object[] values(JsonNode row) {
        if (!row.isArray()) {
            return new Object[]{value(row)};
        }
        Object[] out = new Object[row.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(row.get(i));
        }
        return out;
    }

    static Object value(JsonNode n) {
        return switch (n.getNodeType()) {
            case NUMBER -> n.doubleValue();
            case STRING -> n.textValue();
            case BOOLEAN -> n.booleanValue();
            case NULL, MISSING -> null;
            default -> n.toString();
        };
    }

    private static Map<String, Double> metrics(JsonNode root) {
        JsonNode m = root.get("metrics");
        if (m == null || m.isNull()) {
            return Map.of();
        }
        if (!m.isObject()) {
            throw new BadEvent("'metrics' must be an object of numbers");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        m.properties().forEach(e -> {
            if (!e.getValue().isNumber()) {
                throw new BadEvent("metric '" + e.getKey() + "' must be a number, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().doubleValue());
        });
        return out;
    }

    /** A validation failure; the message names the problem. */
    static final class BadEvent extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        BadEvent(String message) {
            super(message, null, false, false);
        }
    }
}
