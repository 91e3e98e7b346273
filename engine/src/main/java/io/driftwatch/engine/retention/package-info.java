/**
 * Retention (DESIGN.md §11): the end of the data flow. Once an hour {@link io.driftwatch.engine.retention.RetentionJob}
 * asks every store port to delete what is older than the configured period (raw rows in Parquet, the time series,
 * application results and metrics, artifacts, alert activations), measured on the injected clock.
 */
package io.driftwatch.engine.retention;
