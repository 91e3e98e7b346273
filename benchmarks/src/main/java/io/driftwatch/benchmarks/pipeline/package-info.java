/**
 * Whole-pipeline measurements against a running {@code driftwatch serve}: sustained HTTP ingest (the entry of the
 * data flow, DESIGN.md §2, through stream and processor) and controller cycles over many endpoints (controller to
 * writer). Owns the command-line arguments and the process probes (CPU, RSS) of those runs.
 */
package io.driftwatch.benchmarks.pipeline;
