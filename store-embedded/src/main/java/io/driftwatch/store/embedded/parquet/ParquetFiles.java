package io.driftwatch.store.embedded.parquet;

import io.driftwatch.SampleFrame;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.store.embedded.DuckSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/**
 * The Parquet files of sample rows without the embedded store's directory and journal: for adapters that keep the
 * files elsewhere (store-s3 writes a file locally, uploads it, and downloads the files of a window to read them).
 * The same columns, types and queries as {@link ParquetSamples} (its class comment): files written here are read
 * by the embedded store and the other way round. Thread-safe: writes are serialised on one in-memory DuckDB; reads
 * and exports run on duplicated connections in parallel.
 */
public final class ParquetFiles implements AutoCloseable {
    private final DuckDBConnection duck;

    private ParquetFiles(DuckDBConnection duck) {
        this.duck = duck;
    }

    /** Starts the in-memory DuckDB (UTC, one thread per statement; see {@link DuckSettings}). */
    public static ParquetFiles open() {
        try {
            DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:",
                    DuckSettings.connectionProperties());
            try (Statement s = duck.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            return new ParquetFiles(duck);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB for Parquet files: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the rows of one endpoint to {@code file} (ZSTD level 1), sorted by time (a stable sort of a copy).
     *
     * @throws IllegalArgumentException for rows of several endpoints, a reserved column name or an unsupported
     *                                  value type
     */
    public synchronized void write(List<SampleRow> rows, Path file) throws IOException {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to write to " + file);
        }
        List<SampleRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(SampleRow::timestamp));
        try {
            FileWriter.write(duck, sorted, file);
        } catch (SQLException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rows of {@code files} with {@code start <= timestamp < end}, read on first use (the files must stay). */
    public SampleFrame frame(List<Path> files, Instant start, Instant end) {
        return new ParquetFrame(this::connection, names(files), start, end);
    }

    /**
     * Writes the rows of {@code files} in {@code [start, end)} to {@code out}.
     *
     * @param format parquet, csv (with a header row) or json (an array of objects)
     * @throws IllegalArgumentException for another format (check it first with {@link #checkFormat})
     */
    public void export(List<Path> files, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        Exporter.export(connection(), names(files), start, end, checkFormat(format), out);
    }

    /**
     * The COPY options of an export format.
     *
     * @throws IllegalArgumentException naming the format unless it is parquet, csv or json
     */
    public static String checkFormat(String format) {
        return switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> "FORMAT PARQUET";
            case "csv" -> "FORMAT CSV, HEADER";
            case "json" -> "FORMAT JSON, ARRAY true";
            default -> throw new IllegalArgumentException("unknown export format '" + format
                    + "' (expected parquet, csv or json)");
        };
    }

    /** The hour partition of DESIGN.md §11: {@code year=YYYY/month=MM/day=DD/hour=HH} (UTC) of {@code t}'s hour. */
    public static String hourPartition(Instant t) {
        ZonedDateTime h = t.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "year=%04d/month=%02d/day=%02d/hour=%02d", h.getYear(), h.getMonthValue(),
                h.getDayOfMonth(), h.getHour());
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    }

    private DuckDBConnection connection() {
        try {
            DuckDBConnection c = duck.duplicate();
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("the Parquet files' DuckDB is closed or failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            duck.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
