/**
 * Window summaries built at ingest (issue 17): per column counts, moments, min/max, the histogram on the reference's
 * bin edges, a KLL quantile sketch and frequent items (Apache DataSketches), mergeable across flushes, partitions and
 * instances; {@link io.driftwatch.stats.summary.SummaryStats} turns a summary into the window statistics and the
 * binned samples the drift apps need. See docs/statistics.md "Window summaries".
 */
package io.driftwatch.stats.summary;
