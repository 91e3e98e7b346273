package io.driftwatch;

import java.time.Instant;
import java.util.List;

/**
 * The rows of one endpoint-window as columns: features, labels (outputs) and the row timestamps.
 * Implementations load lazily (from Parquet) and cache; all methods are cheap after the first call.
 */
public interface SampleFrame {
    /** The number of prediction rows in the window. */
    int rowCount();

    /** Feature and label column names, in order. */
    List<String> columnNames();

    /**
     * A column as doubles: numbers as they are, booleans 1/0, null and non-numeric values NaN.
     *
     * @throws IllegalArgumentException for an unknown column, naming it
     */
    double[] numeric(String column);

    /** A column as stored values: Double, Long, String, Boolean or null. */
    List<Object> values(String column);

    /** The event time of each row. */
    List<Instant> timestamps();

    /**
     * The request id of each row (the event's {@code request.id}; the rows of one batch request share it, in their
     * order in the request), or null where none was stored.
     *
     * @throws UnsupportedOperationException for a frame that does not keep request ids
     */
    default List<String> requestIds() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no request ids");
    }
}
