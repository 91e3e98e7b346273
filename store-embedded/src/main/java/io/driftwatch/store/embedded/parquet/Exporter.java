package io.driftwatch.store.embedded.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** Writes a time range of an endpoint's rows through DuckDB's COPY into a temporary file, then to the stream. */
final class Exporter {
    private static final String EMPTY = "SELECT NULL::TIMESTAMPTZ AS timestamp, NULL::VARCHAR AS endpoint_id, "
            + "NULL::VARCHAR AS request_id, NULL::BIGINT AS latency, NULL::VARCHAR AS labels WHERE false";

    private Exporter() {
    }

    static void export(DuckDBConnection c, List<String> files, Instant start, Instant end, String options,
                       OutputStream out) throws IOException {
        Path tmp = Files.createTempFile("driftwatch-export", ".out");
        try (c; Statement s = c.createStatement()) {
            String select = files.isEmpty() ? EMPTY
                    : "SELECT * FROM " + Query.source(files) + Query.where(start, end) + Query.ORDER;
            s.execute("COPY (" + select + ") TO " + FileWriter.sqlString(tmp.toString()) + " (" + options + ")");
            Files.copy(tmp, out);
        } catch (SQLException e) {
            throw new IOException("cannot export samples: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
