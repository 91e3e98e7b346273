package io.driftwatch.store.embedded.parquet;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL of a window over an endpoint's files: {@code start <= timestamp < end}, deterministic row order. */
final class Query {
    static final String ORDER = " ORDER BY timestamp, filename, file_row_number";

    private Query() {
    }

    static String source(List<String> files) {
        return "read_parquet([" + files.stream().map(FileWriter::sqlString).collect(Collectors.joining(", "))
                + "], union_by_name = true, hive_partitioning = false)";
    }

    static String where(Instant start, Instant end) {
        return " WHERE timestamp >= make_timestamp(" + FileWriter.micros(start) + "::BIGINT)"
                + " AND timestamp < make_timestamp(" + FileWriter.micros(end) + "::BIGINT)";
    }
}
