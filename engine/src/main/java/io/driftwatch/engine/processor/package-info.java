/**
 * The stream processor, second stage of the data flow (DESIGN.md §2): reads tracking events from the event stream,
 * parses and validates them, and applies them in batches to the endpoint store (first/last request, errors, live
 * metrics), the time-series store (predictions, errors) and the sample store (Parquet rows), tying the applied
 * offset to the effects for exactly-once results. Owns event parsing, batching, retries and processor statistics.
 */
package io.driftwatch.engine.processor;
