/**
 * Ground-truth labels (issue 20): the stream record that carries them from ingest to the stream processor
 * ({@link io.driftwatch.engine.labels.LabelStreamRecords}) and the join that gives a window's frame its label column
 * ({@link io.driftwatch.engine.labels.LabelledSamples}). Labels are stored by the time-series store port
 * ({@link io.driftwatch.engine.port.TimeSeriesStore#writeLabels}).
 */
package io.driftwatch.engine.labels;
