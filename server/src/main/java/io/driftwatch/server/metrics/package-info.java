/**
 * Prometheus {@code /metrics} (query side of DESIGN.md §2): per-endpoint predictions, latency and errors counted as
 * the stream processor applies events, pipeline health (stream lag, processor, stream log, Parquet flushes,
 * controller runs, app failures) and gauges of the latest app results, read from the time-series store at scrape time.
 */
package io.driftwatch.server.metrics;
