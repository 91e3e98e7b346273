package io.driftwatch.engine.processor;

/**
 * Counters of a stream processor since it was created (events counted once, when their effects are applied;
 * records replayed after a restart are not counted again).
 *
 * @param events             stream records processed
 * @param predictionRows     prediction rows produced (a batch event counts its rows)
 * @param modelErrors        error events sent by model servers
 * @param dataErrors         events rejected as data-processing errors (attributed to an endpoint)
 * @param unattributed       records naming no endpoint, incl. unparseable ones (logged, no error row)
 * @param unparseable        records that are not a JSON object
 * @param batches            batches applied
 * @param flushes            prediction-row writes
 * @param portFailures       failed port calls (each retried with back-off)
 * @param appliedOffset      next stream offset whose effects are not applied yet
 * @param storedOffset       next stream offset whose rows are not stored yet
 * @param lag                records in the stream not yet applied ({@code endOffset - appliedOffset})
 */
public record ProcessorStats(long events, long predictionRows, long modelErrors, long dataErrors, long unattributed,
                             long unparseable, long batches, long flushes, long portFailures, long appliedOffset,
                             long storedOffset, long lag) {
}
