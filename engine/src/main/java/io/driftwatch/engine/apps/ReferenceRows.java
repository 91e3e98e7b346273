package io.driftwatch.engine.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.SampleFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference rows of {@link ModelPerformanceApp} ({@code reference_path}): a JSON array of row objects, or
 * NDJSON (one object per line). Values: numbers (integral ones as Long, others as Double), strings, booleans, null.
 */
final class ReferenceRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceRows() {
    }

    /** @throws IllegalArgumentException naming the file and the problem */
    static SampleFrame read(Path file) {
        try {
            String text = Files.readString(file);
            List<JsonNode> rows = new ArrayList<>();
            if (text.stripLeading().startsWith("[")) {
                JSON.readTree(text).forEach(rows::add);
            } else {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
            return frame(rows, file);
        } catch (IOException e) {
            throw new IllegalArgumentException(ModelPerformanceApp.NAME + " cannot read reference_path " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static SampleFrame frame(List<JsonNode> rows, Path file) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (JsonNode r : rows) {
            if (!r.isObject()) {
                throw new IllegalArgumentException(ModelPerformanceApp.NAME + " reference_path " + file
                        + ": every row must be a JSON object, got " + r.getNodeType());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            r.properties().forEach(e -> m.put(e.getKey(), value(e.getValue())));
            maps.add(m);
        }
        return SampleFrames.ofRows(maps, Collections.nCopies(maps.size(), Instant.EPOCH));
    }

    private static Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
