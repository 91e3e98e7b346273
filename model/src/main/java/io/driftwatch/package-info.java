/**
 * The shared vocabulary of every stage of the data flow (DESIGN.md §2): the model-endpoint record, the feature
 * statistics and histograms, results, metrics and their kinds and statuses, windows and sample frames, and the
 * {@code MonitoringApplication} contract user apps implement. Records only; no I/O and no dependency on a stage.
 */
package io.driftwatch;
