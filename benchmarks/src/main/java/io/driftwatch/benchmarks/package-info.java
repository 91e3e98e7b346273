/**
 * Benchmarks (JMH and probes) of the hot paths of the data flow (DESIGN.md §2): tracking-event encoding on the
 * serving side, statistics and drift measures of the applications stage, and drift end to end. Not part of any
 * shipped role; owns the synthetic data sets and CPU-time probes the measurements in docs/benchmarks.md come from.
 */
package io.driftwatch.benchmarks;
