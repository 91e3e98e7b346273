/**
 * The ports between the engine and its adapters (DESIGN.md §2): the event stream between ingest and the
 * processor, the endpoint, project, time-series, sample, alert and artifact stores, and the processor sink.
 * Owns only interfaces and the records that cross them; the embedded, in-memory and external stores implement
 * them, and the engine stages depend on nothing else for storage.
 */
package io.driftwatch.engine.port;
