package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.backend.FrameFileReader;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.stats.CategoricalColumn;
import io.driftwatch.stats.Column;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.javalin.http.UploadedFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code validation_set} part of {@code log_model} (issue 20): a scored validation set — features, the model's
 * outputs (prediction, class probabilities) and the ground truth — as CSV with a header row, Parquet, a JSON array of
 * row objects or NDJSON. Checked whole (400 naming the problem: unreadable, no rows, a named column missing, no
 * labelled row) and staged as {@value ModelValidationSets#ROWS} (NDJSON rows) plus {@value ModelValidationSets#META}
 * (the column names and an upload id) beside the training set, published with it.
 */
final class ValidationSetUploads {
    private static final FrameFileReader READER = FrameFileReader.load();

    private ValidationSetUploads() {
    }

    /**
     * The column names of a validation set.
     *
     * @param label       the ground-truth column (required)
     * @param prediction  the predicted class or value, or null
     * @param probability {@code class:column,…} or {@code column,…}, or null
     */
    record Columns(String label, String prediction, String probability) {
        /** Every column these names require. */
        Set<String> required() {
            Set<String> out = new LinkedHashSet<>();
            out.add(label);
            if (prediction != null) {
                out.add(prediction);
            }
            if (probability != null) {
                for (String part : probability.split(",")) {
                    String p = part.strip();
                    int colon = p.indexOf(':');
                    out.add(colon >= 0 ? p.substring(colon + 1).strip() : p);
                }
            }
            return out;
        }
    }

    /** Stages the upload under {@code staging}; returns its number of rows. */
    static int stage(UploadedFile file, Path staging, Columns columns) throws IOException {
        Path raw = staging.resolve("validation-set.upload");
        try (InputStream in = file.content()) {
            Files.copy(in, raw, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            List<ObjectNode> rows = read(raw, file.filename());
            check(rows, columns);
            writeRows(rows, staging.resolve(ModelValidationSets.ROWS));
            ObjectNode meta = Json.object().put("id", UUID.randomUUID().toString()).put("label_column", columns.label())
                    .put("prediction_column", columns.prediction()).put("probability_columns", columns.probability())
                    .put("rows", rows.size());
            Files.writeString(staging.resolve(ModelValidationSets.META), Json.MAPPER.writeValueAsString(meta));
            return rows.size();
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private static List<ObjectNode> read(Path raw, String filename) throws IOException {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        byte[] head;
        try (InputStream in = Files.newInputStream(raw)) {
            head = in.readNBytes(4);
        }
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        try {
            if (name.endsWith(".parquet") || name.endsWith(".pq") || start.startsWith("PAR1")) {
                return rows(READER.parquet(raw));
            }
            if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")
                    || start.startsWith("{") || start.startsWith("[")) {
                return json(raw);
            }
            return rows(READER.csv(raw));
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage()).replace(raw.toAbsolutePath().toString(), "validation_set")
                    .replace(raw.toString(), "validation_set");
            throw ApiException.badRequest("cannot read validation_set: " + m);
        }
    }

    private static List<ObjectNode> json(Path raw) throws IOException {
        String text = Files.readString(raw);
        List<JsonNode> nodes = new ArrayList<>();
        try {
            if (text.stripLeading().startsWith("[")) {
                Json.MAPPER.readTree(text).forEach(nodes::add);
            } else {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        nodes.add(Json.MAPPER.readTree(line));
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ApiException.badRequest("cannot read validation_set: not JSON/NDJSON: " + e.getOriginalMessage());
        }
        List<ObjectNode> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            if (!(nodes.get(i) instanceof ObjectNode o)) {
                throw ApiException.badRequest("validation_set row " + i + " is not a JSON object");
            }
            out.add(o);
        }
        return out;
    }

    private static List<ObjectNode> rows(Frame frame) {
        List<ObjectNode> out = new ArrayList<>(frame.rows());
        for (int i = 0; i < frame.rows(); i++) {
            out.add(Json.object());
        }
        for (Map.Entry<String, Column> e : frame.columns().entrySet()) {
            for (int i = 0; i < frame.rows(); i++) {
                put(out.get(i), e.getKey(), e.getValue(), i);
            }
        }
        return out;
    }

    private static void put(ObjectNode row, String name, Column column, int i) {
        switch (column) {
            case NumericColumn n -> {
                if (n.isNull(i) || !Double.isFinite(n.value(i))) {
                    row.putNull(name);
                } else if (n.value(i) == Math.rint(n.value(i)) && Math.abs(n.value(i)) < 1e15) {
                    row.put(name, (long) n.value(i));
                } else {
                    row.put(name, n.value(i));
                }
            }
            case CategoricalColumn c -> {
                String v = c.value(i);
                if (v == null) {
                    row.putNull(name);
                } else if (c.isBoolean()) {
                    row.put(name, Boolean.parseBoolean(v));
                } else {
                    row.put(name, v);
                }
            }
        }
    }

    private static void check(List<ObjectNode> rows, Columns columns) {
        if (rows.isEmpty()) {
            throw ApiException.badRequest("validation_set has no rows");
        }
        Set<String> present = new LinkedHashSet<>();
        rows.getFirst().fieldNames().forEachRemaining(present::add);
        for (String c : columns.required()) {
            if (!present.contains(c)) {
                throw ApiException.badRequest("validation_set has no column '" + c + "' (named by "
                        + which(c, columns) + "); columns: " + present);
            }
        }
        boolean labelled = rows.stream().anyMatch(r -> r.hasNonNull(columns.label()));
        if (!labelled) {
            throw ApiException.badRequest("validation_set has no row with a label in '" + columns.label() + "'");
        }
    }

    private static String which(String column, Columns columns) {
        return column.equals(columns.label()) ? "validation_label_column"
                : column.equals(columns.prediction()) ? "prediction_column" : "probability_columns";
    }

    private static void writeRows(List<ObjectNode> rows, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (ObjectNode r : rows) {
                w.write(Json.MAPPER.writeValueAsString(r));
                w.write('\n');
            }
        }
    }
}
