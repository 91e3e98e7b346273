package io.driftwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints API answers as pretty JSON or as a short table of chosen columns (JSON pointers). */
final class Output {
    enum Format { json, table }

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Output() {
    }

    static void print(PrintWriter out, Format format, JsonNode value, String... columns) {
        if (format == Format.table && value.isArray() && columns.length > 0) {
            table(out, value, columns);
        } else {
            try {
                out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        out.flush();
    }

    /** Columns as {@code header=/json/pointer} or a plain field name. */
    private static void table(PrintWriter out, JsonNode rows, String[] columns) {
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            header[i] = columns[i].contains("=") ? columns[i].substring(0, columns[i].indexOf('=')) : columns[i];
        }
        cells.add(header);
        for (JsonNode r : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String c = columns[i];
                JsonNode v = c.contains("=") ? r.at(c.substring(c.indexOf('=') + 1)) : r.path(c);
                line[i] = v.isMissingNode() || v.isNull() ? "-" : v.isValueNode() ? v.asText() : v.toString();
            }
            cells.add(line);
        }
        int[] width = new int[columns.length];
        for (String[] l : cells) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                sb.append(String.format("%-" + (width[i] + 2) + "s", l[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
