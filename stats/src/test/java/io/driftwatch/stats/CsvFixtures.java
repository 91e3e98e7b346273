package io.driftwatch.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the plain CSV fixtures of these tests (header row, no quoting) into a {@link Frame} without DuckDB:
 * a cell that parses as a double becomes a number, an empty cell a null, anything else a string, so that a
 * column types as DuckDB's {@code read_csv_auto} types the fixtures' columns.
 */
public final class CsvFixtures {
    private CsvFixtures() {
    }

    /** The frame of a CSV file with a header row. */
    public static Frame read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            List<String> names = Arrays.asList(lines.getFirst().split(",", -1));
            List<Object[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(Arrays.stream(line.split(",", -1)).map(CsvFixtures::cell).toArray());
            }
            return Frame.fromRows(names, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object cell(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
